"""Migration 17: policy drafts, the workbench's work in progress (store/policy_drafts.py). SQL from `python -m store.make_migration`."""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

UPGRADE = {
    "sqlite": """
        CREATE TABLE IF NOT EXISTS "policy_drafts" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "draft_id" VARCHAR(64) NOT NULL UNIQUE,
    "body_hash" VARCHAR(64) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "author" VARCHAR(120) NOT NULL,
    "author_judge" VARCHAR(64) NOT NULL,
    "base_version" VARCHAR(80) NOT NULL,
    "files" JSON NOT NULL,
    "checked" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "proposal_id" VARCHAR(64),
    "proposed_diff" JSON,
    "proposed_impact" JSON
);""",
    "postgres": """
        CREATE TABLE IF NOT EXISTS "policy_drafts" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "draft_id" VARCHAR(64) NOT NULL UNIQUE,
    "body_hash" VARCHAR(64) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "author" VARCHAR(120) NOT NULL,
    "author_judge" VARCHAR(64) NOT NULL,
    "base_version" VARCHAR(80) NOT NULL,
    "files" JSONB NOT NULL,
    "checked" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "proposal_id" VARCHAR(64),
    "proposed_diff" JSONB,
    "proposed_impact" JSONB
);""",
}

DOWNGRADE = {
    "sqlite": """
        DROP TABLE IF EXISTS "policy_drafts";""",
    "postgres": """
        DROP TABLE IF EXISTS "policy_drafts";""",
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return UPGRADE[db.schema_generator.DIALECT]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return DOWNGRADE[db.schema_generator.DIALECT]


MODELS_STATE = (
    "eJztXWlz20bS/isofolTxbgkWrb1JltbJdvyrtaHXJKyu7VJChkCQxIRCCA4JKv29X/fmc"
    "F9CgPiGIz6i0oEpgHy6cGg++lj/rvY2zo2vednjvEBPyx+VP67sNAek38KZ5bKAjlOepwe"
    "8NHaZEORY6i3+IEdRGvPd5Hmk+MbZHqYHNKxp7mG4xu2RY5agWnSg7ZGBhrWNj0UWMafAV"
    "Z9e4v9HXbJiV9+I4cNS8dfsRd/dG7VjYFNPfdlDZ3emx1X/QeHHXtjbC8s/z0bS2+4VjXb"
    "DPZWOt558He2lQgYlk+PbrGFXeRjegffDegvoF8w+rHxjwq/bDok/JYZGR1vUGD6mV+8Vt"
    "NjC1X9fHmjXp/fqOqCAyPNtii+5Kt6DIAt/Qo//N9q9eLF69XRi1enL09ev355enRKxrLv"
    "Wz71+lv4ZVK0wksxzC7+dvH5hn4hmygx1C498I3JIB+FUkwZKfpE92qVBt7ukFuNfypR0A"
    "H5cUUdxIiLq4Q9+qqa2Nr6O/LxxaoB33+eXb39+9nVsxer7/Mgf47OrNgpCnce3h3ydrwA"
    "xzLSQfzqpAXEr05qIaan8hC7NhlTCe+5FewZxBfkCyFLwyWoY9l+YI4PpDiny2h3oBcaMk"
    "3sKvF3nX5SEwCwyTOjE4FOOEeTdWCYO87n1dFRC3jJqFp82bk8wA5y/QcegBMB+QDuf8Fw"
    "sOuRb8QDbyIhH76DTGDNxRQOFfllmN+RM76xx9VQ5yULcOuR6PP4H3FW6fbokx+oX1rmQz"
    "QxGsC/ufh0fn1z9ukLvd3e8/40GX5nN+f0zIodfSgcffaqoKfkIsq/Lm7+rtCPyn8uP58z"
    "eG3P37rsjum4m/8s6HdCgW+rln2vIj1jMcRHY9RyWsdfHYNcrYPW85I9aF2wR24mSo4xad"
    "Syi+/s207Pdl4StCyalqmLvrnNuIn0wBppt/fI1dXcmaytssWqhz2PgOVVePKR+PsPV9hE"
    "DNGy7iO+4gu51HV4pRku7N/i6R4fjRd4iqK9sutwLZ/ar/bFI8gi2OjRvemdIsjeYc2geF"
    "1hzXbzvEr1iGUTGaRHYwVjg37++eIdBxcUBIb+nMoM4yov/rIJLI1ioLA70T8nf12Mv6aE"
    "jlu4SGQff/bTm1kfxzYNjZf4yQkN5THLxExEgN0R78HgdDhKkvLhfdrG7zitdztOy16Hbf"
    "nY8rkJt6KcyGyQMJMbeaq94bUAEyEJHbu5W39Z5W7Ie7/CmPvH9eXnasUmAkXFGpqv/L9i"
    "Gl4pPjNvlVIoctqMn5Vnn87+XXyM3n68fFNUE73Am8IzZQe+E/ABnxEB6A+AfmO4uMIaap"
    "jxsQDAfgDsXrD+A2sVTEL92zojIp9RtDppxcaeNLCxJ8DGPlk2loPBGZKVeE/XxquA/eQS"
    "IZGeXLbhIlSXDG1HSCwuLay49r3i0HApEVOQ4jLaA+tKfD2FLdwEwh1W2KRT1nhH/kkHkI"
    "npGthTEDlIByuaHZDp8nxRmFEj3O5xIuWXvFtOv0b0b2hr/wZ5N0Lm3STTm4/wKoj1yXxN"
    "+xo8hOeaA68lle+fWWXagpwRAYiBXnl69Iogptk1pslkVXZZdKbRKPPYmAnDQ+EX4Fx7ck"
    "KQUVmz9tTbKtoOWRZfxl9GZDQnPfl3VrCnMPtG+Pi1xTgeP977dEEAQuY4+B6/aoHvcXEV"
    "T/Glp/L4/hkg09g8kK+gkrtaHmJB3Aq2tdYFarjC435RX0o4Ggr+0C9aHZ+8Pjl98eokcY"
    "eSI01eUOzxAOsErFOrvCFvh80KA5cnX+iaXuLCx/sZToHabKHiG0Glr9ItPjC16oZc6S27"
    "kExYDWooJ5OrylbOzrwGc5kOUw0ybgCT+ZfIrqVX9m6DkOmDgjvRiT+qKg4jLxoOnEkLA9"
    "oLHMc0+N3DvJh8JR79I60RJLa2y1WjlJWB6dwmfdA1NKxucEXmYNNynRMbzy2RZOEWKEIj"
    "2JrST4QGvML6aS6XV5h7MwtC206t4QHeGCXnu4h6GfL3touNrfUBPzDgs9XxNY52cqGZAV"
    "7nOZLDLrpPfKP8VCO/n/xq7IfT8+z67dm788W3acI1Gb+9wg3Ne/X1fmiRRxCntAf8zrH8"
    "zo1r71XeEENOSMIluP8gA3kJcsdxbICYB+LJDXPRAO/HMue3yKW1xGdiebcq5QHTG0xvML"
    "0X/Kb3patXJ0qFJxoNbpoDPmWaFLs/5zOflZEuSer4VZu6GjKqwQ45eixPStyldv7ZaSnK"
    "6+CBG+SsDLzO2sQekNGFo82IgVkotFm4tnX+zqQ5IXiO2oSkfeQHFbk7De+DRGLEvE763C"
    "5GgXjVBuJVPcSrMsQ7w3E6RZTyktCPTOT1ysUaJghQf2JjuPuO/eeqrwGaF1nzadJ1RfjA"
    "tk2MrMeytSuUvCaSQy2nyZFxNfvm8vJjTqlvLgpRgs8/f3pzTtwcpk0yyPBrch8yie4d2d"
    "b6K0BGBGREPM2MiE558vgOW1UtgXiyvxljdU4vNMNJ0CpTPsmxPhAk2aoJBidIw1lVx5Im"
    "c+4RqlRNZ/k0hCm7PyeplJUBwrQLYcrg4kA8Hi8h9dC/XwzxXCndIbSn7YH408Lzcp3ywg"
    "Uzv6dJCx+xfkc0vIcO7AAlPQbM4G/WQy+Xv5lrLStERsDU+h3GxG3IA7LjXJED04CSnJOZ"
    "Id42Cyg71YRLAqqrAs8xBo95uINVgSdTDIrABTMaoQgcSpPlBBlKkyf1Qf8MkOUbVVuENr"
    "WuSkRkQr63dlXQPGL0Nh0UEnXtcMziKlGJqKz+J3NXtrDmAhJhPfKS7eJNQH6vzq+KoqQ0"
    "nQZH1gAwIMCAAAPCzYC8tfd7g+3J+tGw8KKCBimMWDZxIVoyVjXJYOhG8EQJEKp89RZzee"
    "lZGenyLQbZ+AkK0spA9+/PiGpYSJE8BJzpCDP4lvwuHmzj8SNWKHnIxItxJu+qzdxd1U/d"
    "1RyKwCZcHHrHd8KUKOFWimnIDW4iD/i7Rv4u2i2LayfgrMz4e9Iu/rIJLLYdhrIODNM3LO"
    "85vd9fh1q0G/AcZKda6Do1SPWTaWu3qk58eP50tIIoVHGKnLZMldUp6TAnCDoWWccuRp5d"
    "YYM17AqZSIzoSozjRqyOWhE6Rw2EzhHs5A25u9RKcPSOWs9LgtZF0XrFcloqaaUcAN7XlS"
    "U2Bu8LkhJ5WCM4tg2xzATYHuKZ19lrzUsXbUOaxXmYC2tekefj6uLtzVRxzRT/ipBmTjkN"
    "+3vFwwbc3it+hrFr2Drkd4uzTiwbwpsQeFuMkYUcPhMcEKcSEsaFmqZxjO/rWnhflzvZ+8"
    "jkJ9VzYsCpd+bUWbaDRgMUHLR6Xkgm9Huj1h3bNLQH9Q67nsFHVpQlJVxETtuwFqf1pMUp"
    "cBbSe6+99rdK0gALrxiOzk3lBEQ5/KlBuze9w0Tjhv/Jvqv1gopDlk2+kB4OVvfR6HYu0e"
    "LMcbCl/2CTh0CJLqGYWN9i9yeFuELKGpnUj1YMj330gr1ib9i/yY2eLwoo93bRA9JL4wtx"
    "+gAFMenSHMfpwz9dKdcT88DETxyDtCaJnIDRa7bmEM8cL0V9iIgmNH0aZaGePHtJTJP7wO"
    "QlaLEoaR6LRuszOm4xkBWVL1/p6VIWQzrjX1xbD7RKJzw+tWxyvp1wUFufW4ldne88lhRM"
    "FP6Twrzl3+lHrP+uxFekjjGyFHI94w4ncopGjq3J5x0277Cu2K7yZ2ATwQpffOCbVYdOI1"
    "E6ANpiCWZgQ1usCQxAaIsFbbFk99czzQX4K5KqhWXSRn/dhQSsZ5SK+dsgwyQ+BK3o4ioB"
    "K8pBGVjO9YAyMGGZFBdvsIstjW++56XEmO30ttLMdqg8qH8HzJMIaVV5IHT8dPYeQ1OBQY"
    "a3OLS+IHOpmYHeur4gP+FE6pp2he8MfF+7OVr29LKJ2HPZQJ7t0bLJLz8qrn3vKcjFIeFG"
    "LuMqUVad8ux+Zy+V+x226F/kLxXaZtIl/xvaTgmTHZUo2fH7xhybnm8DTd2E9rfr6TtEH0"
    "eNJetxvjrKkpB98zjdRJYBu+JV0QBzLADv5rbwqq5tcu1RmJeSEOjjV60y+BoS+CqA5kzF"
    "TyUkBLj/rSDrEplu8NfaptMSNWZocs3O/33T7DUnntnHy89/i4cXXelCQ0hizriGzsdl5I"
    "TEoDKkIu6g7mfkuh9IjpImOUqQLJmE0qiq2M/QHQ0F+9GoCfuOi0SuCVQY0pf53tByHG+R"
    "qbJPHLjnpSRc+AfJ6g48TeNBOR4v3bR+0SY2/KI+NvyiFBvGbBsvlbfypiAm40Tu3W2K8p"
    "8MPkM+LzW+JT+NHTOIzT6PRJNFmK86lKM0OPsyA9ZWLl7RcVzi7XeJqhdEwVUSzlXK5wqF"
    "JfE0VKvTH83xbFXJjrikbW1bn+uCxuKL0Z55nhEFyblyV6ouIF8pj0yPWvyYqB3z8+rkoe"
    "KxIl+lTVuXbEVSIR7P0dklU/w0z/fYuD1dYhLsLDXMFg1cWXbYsg1tpmYsvgkpNPEsVoEY"
    "ByDSgEiTMX0GmLQZM2m0YQcPhxaPB/bsAPYMWquMQueISFKWlukFTdal/k2YUDxX156219"
    "jvyU9JjNa2mJclJZzcQwDu2G4FTdlUkxVLwOINdYajKICjzhCywEbOAvOC9d7wu9UQFmUh"
    "3CE0B0vXnm5ds/KSwLSLpmVB8v/eGZ4TsPK+cqvq6NSysUV1OGhC5jL6BpysZV4KGEtuxp"
    "K25ONNuMzKyMem9diHG9p3jUEyTJc1/Pi7dP5LRzbnz8MhQBww54QknM/9E8LQ23ziXmls"
    "60Je0nLQ+T3dKjJAwSWZpRULde20TsaPN6OPh53OvTWb0zHS2bZmXdzKnOgofuWYs3jubm"
    "WuZvae+P9rrvakGZERMyMt25ptqjdEBEexIW2H4NGFB8sJAtsp3IIlFg927WNnUc+FsdPL"
    "FnyY6pGRHbZr2xmeb7sPPypkRaQdoBQHuwrrVKWwPDusL5V7w9+xjdXiwBT5gMh506Srt2"
    "L4zZu39XeLA0g7dj9OxzsrIx1hN8ombuJQpSK5Kv2/rHDchI5raktqC/SfZAg9uoZuHWW7"
    "6i3mchxyQhL0Nxq8YBE6uchiwea6zLv2XuXmAfNSEi5S/bOBRAfcMGdlAGQ5KNfhgwi9sa"
    "74ztBxZelsfeZnVuag3M/5ZO8Mkvo5erfG+eA9SLtGvNngykrVhqmeiojRqlGqXScg93mQ"
    "3Gdg/0fxlmD3WOk2TRF991hWmnBGu1DV1vyXxiwb95MNix1QMnzCnFnY02HSPR2SKcDbaq"
    "EoKF0YpP9XB7yhxwl5MOvduMMqJbN4X9Jl6XF4Tsgs6kZz8vZ3kLixwwDxl4CAxBffSiRk"
    "BHjVKjK+aoiMr0plFXvsecTw4yGEMiJSoDw2JRRtXtbBhctLQgRM6FdD0k6VL/G0ICYD5z"
    "rCMqbR/SpNs9tTVZCVjxmR6bFKtcX3XBXl4MFq9WBFLSkq/fMmoiQvJ1MYdATOpET9lfRR"
    "Vgb3Hr4haffP9HozU8e3eMo9spFvfibm9vG9IqvR1cXbm6k28g1V8MW1ySKJzEUts5qMWL"
    "bgVZ1ocNuka0XbIWuLWRa0Q7CyLQV5t56ysV3lGVJojjTW4010Fd9WnMBXDIue1/D3PylI"
    "0Y3NBrs0bzqWD20YTzH8KIUaLQo6Heu+v1phay5yAFl6uIWwv8OWYtBRSkQk0lRvclsX/0"
    "EjrzStW7nZYSV0J5U9emBX08m8okL3O8PE7B9k+B5sKyz6crpsoKDjp4WTgC6IAf08R15U"
    "MGtOJisdqLvhTfMQMfWPQK/i7x5DOpWTEO/+ly/gSUfnSaGLxLDNV2mvXsy1RmdlgD9ptU"
    "iHkKmRE8KzfJQlZYB87EUkmrLdEuZyomBwCm1wQirRiH3MIIL5FJ4p4P6B+xdTHdJw/7EK"
    "aqn/jI4eZf6jXwvp1E+UyyZfyqedYXiTfItyYAE9agGRX41NHowTAenA7X9bh2g58zBX65"
    "i8lBSMW4GfaLUH4HHDHoDH5T0AN4aJuapTEwHYgeeAKlSIj0Bqs4RsGxADnVQxB2KAoxy1"
    "ipU7dK/uigrTeU6A8qbdOdMnm7x1KFzZtDEZwfJ2SCcT1w0OnV3X7EJXgVTTakjyIgTsXZ"
    "R/p+FFBX9RGrNsQWFEKtUTqZZZjJcWJqbnXa5PK1bCqykasnSDvjoUZHn3mKYVJqmD5kOU"
    "KWj4nrK3LfyghLlGLNUQW+UWssPeCsiXmZIv0QTmTCPMCsmXtTBAt8gwCbDDFptlSSks/K"
    "G5GOSp9obXmE+EwI4Xzo7PkT+IszVZIgDkzyHkD1uKeHBPJQD4A4BPrDMe7HNCAP8B8DOb"
    "l4ZgqQnFuzlbhTBkFnBar4L2kRNNJTK94t2AP38nlYEnrK/cHTfoI29HRqJqWcjZSWefUP"
    "k6KfS1XFekl7YkV8xbtqrRTXiluCAW3yEzoNpX1tgzdMxYKFpLG5fIkg8hT0UuvtkY2k8K"
    "WVYcgj72FAuTy0QFuBWbJA1+O2C5BF7Flg0sF8Sth49bk5eA2y2ImpcEy0xoy8zzbcfpqO"
    "asJNSliKxlyKEXyw6HHPqRc+izmy7mgrqHhuvzkWVJwB80av8G6Vt8Rq+zqPBhMmcbnZg1"
    "HaciOrCl+0Jb6biBib3voqg46/GDFLZL0o/Mk2AXXbLIOHE0DN3wH2hTH8PWWdue3A6sa7"
    "wjWqvc3nWwO/1q/WqdKWRikkuyn84uzAL/BEVlj13q3fiKF9BWRJgAQE4aHvOQaMcSdj/7"
    "3lJ+ZzdlXUx+J2frvKFfFvElo+cuFVv81tZVYl+Uc5+TrEyfm5w87jtldp5hd6J/TqbYdu"
    "bRXU/q3SM2zzhzALIy0hUHDNGII/dctEW5ICahLzrAjgGIs7NMIiAhvP134NjaNlnRKxvI"
    "v7FtEyOrGuWcXAHpNRGcIdRNVv7l5cecs/fmopiI/vOnN+cEewY9GWT4NUGv+H2v6uihwg"
    "St98WKcjK5Y73t6pixUErQNvMZeUmgrcQmNJiyAss3Kuof2+g5EYWdTUTWc+LJdGIoi8JA"
    "Us5E13xN1UuCMrSoGtqshh1IB9mBNN8Eg2cWlyUl9F/6Tw2nRBuZjFwJxFkZyKU8IJcSUr"
    "cngX3SreufPPhfHRNZSXCoNf55MVDBIaULNDzAv6dVTkrClyvs1jpTmKFhRT30sJ36UDH4"
    "KxryW9TF4MOzy8dj8Cxy2DqF2EEWNr/zFNr3n+hdsTcsOp2EruM9d75fKrZDpqqukKvjMM"
    "itIdPE7ndhCJvdViHu5qIwjwa7yQHpwhCRHWgNrQ+Cix2hnT/yKdLhI9Th5ZUTlPDdNZN3"
    "VStyNtIVn8WdEwJLsMWzRDcPCSoYlebtRoIqSmVAgJliF6NA3H/CA/g04NOATyOfT/OFGv"
    "3XGjHrF1V9zNOzLXwa5kCoHh3O0fqL7WVGPYc7MhtNU2HyyrOjH2jHW1qiSJ0QZtb/xFwN"
    "Np5uAUo/xLsaKbeY7g2KfAVbPmvdVZViPPztKtOBsz4Ju5xKxNunAkPV5JRVk2I4oXL7Qu"
    "lDwQFyTgiMi9Yws0/cOMdS8iWJHK9OW9UBnzbUAZ+WPJL4ndkyTTUZD+mpFempHXbgg633"
    "DmoGDu7eKCtyZD12cPfykhK6ezNx72ppQEH8u7do7yBjW9n5Jjm3bPLttGjUhFtTxV+B0w"
    "wviEE4iDsctKa2n8/f8C8vJ5NNM3qvPw+7d2Sd51ZBUXI8JRxJpQFqSBq+30UFJVHQQUcd"
    "ACsOrPgUVtMVruu4URjRyoJSXczbeYMJxJk4yCdzYR3QRn60i6tb00PjcZkDTDF2EU47LC"
    "sjnRF2/KpVG7lXDW3kXh09ZoeJZADLTUV7BEys0oxyTqxLgvKh3eNULwDOu6LkhIBpapki"
    "w0X7JwISwtt/egza24HVwVHOy4F/0NVLJr/c6+SjlURBB139ZJ1rfYnHyxCdya8uJ23iiS"
    "f14cSTUjQxqrzlgTcjIh/CA9RDY+RVVSbWBxhTiREzSBcDwTt2eHF+5eeZDofrwDB9w/Ke"
    "0/tN0eRwkOrQTIsKLrUU5UA1vasG6M/694Jc9GdW64Gjd9R6XhK0LorWK3IFkr7RApHe14"
    "xcWTSQ3tGIZSvSO+RqOBLCqbKDPasmjQjzOC07vuZSiaObrO9zEmdbJp2dHez+EJAh5MWz"
    "r8sEH+g+lSngBSY2vjX9CHngAvmzc6XgpeIqs08HD9R5MYC6BdSQXzI9bwb5JULsMzON0c"
    "VMqY/UO66wt9KTjaZWGnqcMEdTtMAppAiAffIk7ROpsjEwbSvEu6BkhWBCt4H5tqp7Rj3n"
    "G4+HdowHsLpQYgUdNYBGlS93+CzQDf/c8t2HRYVJnznbaNMjOk417e10Fj3wjZPu1s29Xo"
    "25TsHOLN0awkXpZrzJPDkpeO23eO3f4gdOkFOJgRKmpnPMXqxawPtiVQsvPVWGl/xyXLGP"
    "VDPCiZB8WWmrozY0DxlVizM7VyDobZMrrTIeLx+8/U/iPTGJbM4+t7GEhItwm7TV+qzVct"
    "KqHfBVHCQC8jFjwywN2LMDV+PODM6LybdQDAJ22OCcm1w/lIl8ekDPNw9VIm6yrqFyff+y"
    "un7Ks272cVADM0HoqC/k8DX2vBCBig6v6ellEyHlkIGqF46cMMwMpNSUpFSkf+6wRVFOuh"
    "B//wQGcjHigTgeL6Fj0r/nB0GhLqbG7NhW/NUxyOW6tFfMSYKaxVaz1W2n86wcbHIusoaR"
    "Y6h1jH5je4WcnEyuyRQZsiV9lJXx3naxsbU+4AemkAvy1VH19rlxPNwxPoQXmpkevsVzLT"
    "6argAuuk88l8IUJACQn4390Jg7u3579u588W0az/Cjvb3GyFxUeIXxqWWTR2jaW+IQInMA"
    "b/CXxa0R7qPouPgudBugTkqYlWHZ4CLGimsdFIwVDX7L436Lg13D1lWyqLrc1k5RFiwekS"
    "2eSFu46mFqpWdc+ViB6yKWmjXa/ouDZ0/Gy2TL9rZPiGvbFWA2RZzt7juECAfmwIRkaolx"
    "IJwTAphbwMyLMFDqraEF1lfadypHsDWbQKPZblWWwZtI8P2HK2wi36js8xbX6BIPGOtX7F"
    "LzVXyJxvg2aNFzFrOquucCpo9zEOTZzGhzKDIivAU0bQEyYg6P9tBkRPo08JjcWSEJYR6k"
    "Rzp5QxrxW6ilo5gVAV+xwlfUjS32uLzFVELCeTtE7T4yuQN2GSGZZu200TovCuUcGKrLBI"
    "VmpoW2sbrM7MsF6q6IT3J18fZmqkjdF9s0tId3LtpUtgnKnm60lh02UNXpSMjhfKI2MdM+"
    "p9WWlQGi6dFXH7T2GAVm3p3sD9rDXmxwBynFQQHByeVBOJWQEOPjVSvXbtXg2q1qMFb/oB"
    "vm8iOdykmI9wDrMvKweoddr9KXbliaC3ISgt3/liobw8RcFXyJAJTuHbJZxA5rt7jCuqsH"
    "PiMC0MM+HRBfhI05QM0Lx7XJJWs4zKaMl5yYfFX/Q2QWUcjIc6Ebmw3Pi6skeNDrSzDUx3"
    "57JWAae4dSgl30kIqCJvg0IUi3gDPsGtpuUdW4MjyzbGxamY4Rhlh+KqzygYHRer64g78s"
    "t6u8evmyDdf28mU910bPFXgg8lBxIBwNlxDd41ZM5nEDk3lc0b3JtnxclWjf4BSnIuAUz+"
    "ll9u1/JEUyrg=="
)
