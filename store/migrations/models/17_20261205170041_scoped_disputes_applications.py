"""Migration 17: dispute ids are the opening channel's own ("<its id>@<channel>") and application ids the
applying supplier's ("<its id>@<supplier>"): their key columns and what embeds them (dispute steps, deposit
movements, commission line keys) grow. PostgreSQL SQL from `python -m store.make_migration`; SQLite does not
enforce a VARCHAR's length and cannot alter a column in place, so it has nothing to do."""


from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

UPGRADE = {
    "sqlite": """
        SELECT 1;""",
    "postgres": """
        ALTER TABLE "commission_lines" ALTER COLUMN "line_key" TYPE VARCHAR(320) USING "line_key"::VARCHAR(320);
        ALTER TABLE "deposit_movements" ALTER COLUMN "movement_id" TYPE VARCHAR(320) USING "movement_id"::VARCHAR(320);
        ALTER TABLE "review_events" ALTER COLUMN "application_id" TYPE VARCHAR(160) USING "application_id"::VARCHAR(160);
        ALTER TABLE "suppliers" ALTER COLUMN "application_id" TYPE VARCHAR(160) USING "application_id"::VARCHAR(160);
        ALTER TABLE "supplier_applications" ALTER COLUMN "application_id" TYPE VARCHAR(160) USING "application_id"::VARCHAR(160);
        ALTER TABLE "disputes" ALTER COLUMN "dispute_id" TYPE VARCHAR(160) USING "dispute_id"::VARCHAR(160);
        ALTER TABLE "dispute_steps" ALTER COLUMN "event_id" TYPE VARCHAR(256) USING "event_id"::VARCHAR(256);
        ALTER TABLE "dispute_steps" ALTER COLUMN "dispute_id" TYPE VARCHAR(160) USING "dispute_id"::VARCHAR(160);""",
}

DOWNGRADE = {
    "sqlite": """
        SELECT 1;""",
    "postgres": """
        ALTER TABLE "commission_lines" ALTER COLUMN "line_key" TYPE VARCHAR(240) USING "line_key"::VARCHAR(240);
        ALTER TABLE "deposit_movements" ALTER COLUMN "movement_id" TYPE VARCHAR(160) USING "movement_id"::VARCHAR(160);
        ALTER TABLE "review_events" ALTER COLUMN "application_id" TYPE VARCHAR(64) USING "application_id"::VARCHAR(64);
        ALTER TABLE "suppliers" ALTER COLUMN "application_id" TYPE VARCHAR(64) USING "application_id"::VARCHAR(64);
        ALTER TABLE "supplier_applications" ALTER COLUMN "application_id" TYPE VARCHAR(64) USING "application_id"::VARCHAR(64);
        ALTER TABLE "disputes" ALTER COLUMN "dispute_id" TYPE VARCHAR(64) USING "dispute_id"::VARCHAR(64);
        ALTER TABLE "dispute_steps" ALTER COLUMN "event_id" TYPE VARCHAR(160) USING "event_id"::VARCHAR(160);
        ALTER TABLE "dispute_steps" ALTER COLUMN "dispute_id" TYPE VARCHAR(64) USING "dispute_id"::VARCHAR(64);""",
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return UPGRADE[db.schema_generator.DIALECT]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return DOWNGRADE[db.schema_generator.DIALECT]


MODELS_STATE = (
    "eJztXWlz4zbS/issfcmkSpmyZY/Hb7K1VbbHs+udw1O2s7u1SYqBSEhiTJEMD3tc+85/Xw"
    "A8xNsExQOE+4vLItGk9DQIdj994L+zra1j03t95hgf8NPsR+W/MwttMfknd2auzJDj7I7T"
    "Az5ammwocgz1Hj+xg2jp+S7SfHJ8hUwPk0M69jTXcHzDtshRKzBNetDWyEDDWu8OBZbxZ4"
    "BV315jf4NdcuKX38hhw9LxV+zFH517dWVgU898WUOn92bHVf/JYcfOjfWV5b9nY+kNl6pm"
    "m8HW2o13nvyNbSUChuXTo2tsYRf5mN7BdwP6C+gXjH5s/KPCL7sbEn7LlIyOVygw/dQvXq"
    "q7YzNV/Xx9p95e3qnqjAMjzbYovuSregyANf0KP/zfYnF09HZxcHRy+ub47ds3pwenZCz7"
    "vsVTb7+FX2aHVngphtnV364+39EvZBMlhtqlB74xGeSjUIopY4c+0b1apoGLDXLL8d9J5H"
    "RAflxeBzHi4iphi76qJrbW/oZ8PFrU4PvPs5uLv5/dvDpafJ8F+XN0ZsFOUbiz8G6Qt+EF"
    "OJaRDuKT4wYQnxxXQkxPZSF2bTKmFN5LK9gyiK/IF0KWhgtQx7LdwBwf2OG8W0bbAz3TkG"
    "liV4m/6/iTmgCATZ4ZnQi0wjmarD3D3HI+Lw4OGsBLRlXiy85lAXaQ6z/xAJwIyAdw9wuG"
    "g12PfCMeeBMJ+fDtZQJrLqZwqMgvwvyOnPGNLS6HOiuZg1uPRF/H/4izSjdHn/xA/doyn6"
    "KJUQP+3dWny9u7s09f6O22nvenyfA7u7ukZxbs6FPu6KuTnJ6Siyj/urr7u0I/Kv+5/nzJ"
    "4LU9f+2yO+7G3f1nRr8TCnxbtexHFekpiyE+GqOW0Tr+6hjkai20npXsQOuCPXITUXKMSa"
    "2WXfxg37d6trOSoGXRtExd9NV9yk2kB5ZIu39Erq5mzqRtlTVWPex5BCyvxJOPxN9/uMEm"
    "YogWdR/xFV/IpW7DK01wYf8WT/f4aLzAUxTthV2Fa/HUdrHNH0EWwUaP7k3vFEH2DmsGxe"
    "sGa7ab5VXKR8zryCA9GisYG/Tzz1fvOLigIDD011SmH1d59pdVYGkUA4Xdif45/uts+DUl"
    "dNzCRSL9+LOfXs/6OLZpaLzET0aoL49ZJmYiAuyBeA8Gp8NRkJQP79MmfsdptdtxWvQ6bM"
    "vHls9NuOXlRGaDhJncyFPtFa8FmAhJ6NhN3fpLK3dF3vslxtw/bq8/lys2Ecgr1tB85f8V"
    "0/AK8Zlpq5RCkdFm/Ky8+nT27/xjdPHx+jyvJnqB89wzZQe+E/ABnxIB6PeAfmW4uMQaqp"
    "nxsQDAvgfsXrD8A2slTEL12zolIp9RtDhuxMYe17Cxx8DGvlg2loPB6ZOVeE/XxpuA/eQC"
    "IbE7OW/CRaguGdqMkJhdW1hx7UfFoeFSIqYgxWW0B9aV+HoKW7gJhBussEmnLPGG/LMbQC"
    "ama2BPQeQgHaxodkCmy+tZbkYNcLvniZRfsm45/RrRv6Gt/Rvk3QiZd5NMbz7CKyfWJfM1"
    "7mtwH55rCryWVL5/apVpCnJKBCAGeuXl0SuCmGa3mCaTldll0Zlao8xjY0YMD4VfgHPtyQ"
    "hBRmXF2lNtq2gbZFl8GX8pkcGc9OTfScG+g9k3wsevKcbx+OHepzMCEDKHwffwpAG+h/lV"
    "fIcvPZXF988AmcbqiXwFldzV8hAL4pawrZUuUM0VnveLulLCQV/wh37R4vD47fHp0clx4g"
    "4lR+q8oNjjAdYJWKdGeUPeBpslBi5PvtAtvcSVj7cTnAKV2UL5N4JKX6VrvGdq1R250gW7"
    "kExY9WooJ5OrzFZOz7wac5kOUw0yrgeT+ZfIrqVX9u6DkOmDgjvRiT+qKg4jLxoOnEkDA9"
    "oLHMc0+N3DrJh8JR7dI60RJNa2y1WjlJaB6dwkfdA1NKyucEnmYN1ynREbzi2RZOEWKEIj"
    "2JrSTYQGvMLqaS6XV5h5MwtC246t4R7eGAXnO496EfL3touNtfUBPzHg09XxFY52cqGJAV"
    "7lOZLDLnpMfKPsVCO/n/xq7IfT8+z24uzd5ezbOOGalN9e4oZmvfpqPzTPI4hT2gN+51B+"
    "58q1typviCEjJOES3H2QgbwEueM4NkDMA/HohrlogHdjmfNb5NJa4hOxvBuV8oDpDaY3mN"
    "4zftP72tXLE6XCE7UGN80BHzNNit2f85lPy0iXJHV40qSuhoyqsUMOnsuTEnepnX522g7l"
    "ZfDEDXJaBl5nTWIPyGjD0abEwCwU2ixc2jp/Z9KMEDxHTULSPvKDktydmvdBIjFgXid9bm"
    "eDQLxoAvGiGuJFEeKN4TitIkpZSehHJvJ65WINEwSoP7Ey3G3L/nPl1wDNi6z5XdJ1SfjA"
    "tk2MrOeytUuUvCSSfS2nyZFhNXt+ff0xo9Tzq1yU4PPPn84viZvDtEkGGX5F7kMq0b0l21"
    "p9BciIgIyIl5kR0SpPHj9gq6wlEE/2N2OsLumFJjgJGmXKJznWe4IkWzVB7wRpOKuqWNJk"
    "zj1Dlaq7WT4OYcruz0kqpWWAMG1DmDK4OBCPx0tIPXTvF0M8V0p3CG1peyD+tPCsXKu8cM"
    "HM73HSwges3xEN774DO0BJDwEz+JvV0Mvlb2ZaywqRETC2fvsxcWvygOw4V2TPNKAk52Ri"
    "iDfNAkpPNeGSgKqqwDOMwXMebm9V4MkUgyJwwYxGKAKH0mQ5QYbS5FF90D8DZPlG2Rahda"
    "2rEhGZkO+sXRU0jxi8TQeFRF06HLO4TFQiKqv7ydyWLay4gERYD7xku3gVkN+r86siLylN"
    "p8GBNQAMCDAgwIBwMyAX9nZrsD1ZPxoWnpXQILkR8zouREvGqiYZDN0IXigBQpWv3mMuLz"
    "0tI12+xdGiyVJMRlUuxexczgyEgrQB/BlRDQspkoeAMx1gBt+T38WDbTx+wAolD5l4Nszk"
    "XTSZu4vqqbuYQhHYiItD5/iOmBIl3EoxDrnBTeQBf1fL30W7ZXHtBJyWGX5P2tlfVoHFts"
    "NQloFh+oblvab3+2tfi3YNnr3sVAtdp3qpfjJt7V7ViQ/Pn46WE4UqTpHTlqmyWiUdZgRB"
    "xyLr2MXIs0tssJpdIROJAV2JYdyIxUGjnbwPanbyPoCdvCF3l1oJjt5S61lJ0LooWi9ZTg"
    "slrZQDwNuqssTa4H1OUiIPawDHtiaWmQDbQTzzNn2taemiaUgzPw8zYc0b8nzcXF3cjRXX"
    "3OFfEtLMKKdmf694WI/be8XPMHYNW4f8bnHWiXlNeBMCb7MhspDDZ4ID4p2EhHGhumkc4/"
    "u2Et63xU72PjL5SfWMGHDqrTl1lu2g0QAFB62eFZIJ/c6odcc2De1JfcCuZ/CRFUVJCReR"
    "0yasxWk1aXEKnIX03mun/a2SNMDcK4ajc1MxAVEOf6rX7k3vMNG44X+yHyq9oPyQeZ0vpI"
    "eD1W00uplLNDtzHGzpP9jkIVCiSygm1tfY/UkhrpCyRCb1oxXDYx+9YKvYK/ZvcqPXsxzK"
    "nV10j/TS+EKcPkBODNIcq9Mca7yv8Uq5XpgHJn7iGKQ1SeQEDF6zNYV45mAzvJeIJjR9Gm"
    "ShHj17SUyTe8/kJWixKGkei0brM1puMZAWlS9f6eVSFn06419cWw+0Uic8PjWvc76dcFBT"
    "n1uJXZ3vPJYUTBT+k8K85d/pR6z/rsRXpI4xshRyPeMBJ3KKRo4tyecNNh+wrtiu8mdgE8"
    "ESX7znm5WHTiNROgDaYglmYENbrBEMQGiLBW2xZPfXU80F+CuSyoVl0kZ33YUErGeUivlb"
    "IcMkPgSt6OIqAcvLQRlYxvWAMjBhmRQXr7CLLY1vvmelxJjt9LbSzHaoPKh+B0yTCGlUeS"
    "B0/HTyHkNdgUGKt9i3viB1qYmB3ri+IDvhROqadoMfDPxYuTla+vS8jthz2UCe7dHSyS8/"
    "Kq796CnIxSHhRi7jKlFWnfLqcWPPlccNtuhf5M8V2mbSJf8b2kYJkx2VKNnx+9ocm45vA0"
    "3dhPa3q+k7RB9HjSXrcb46ipLyZd/00hSLrAR2yduiBulYAF7PDQg9hpbq2ibXNoVZKQmB"
    "PjxpNJNrJnIJ0JzZ+DsJCQHufjfIqlymO/y1su+0RL0Z6ryzy3/f1TvOiXP28frz3+LheW"
    "861xOSWDSuofPRGRkhMdgMqbg7KP0ZuPQH8qOkyY8SJFEmYTXKivZTjEdNzX40asTW4yLx"
    "awLVhnRlvtd0HcdrZKrsEwfuWSkJF/5eErsDT9N4UI7HSzetj5qEh4+qw8NHhfAwZjt5qb"
    "zFNzkxGSdy525TlAJl8BnyWanhLflx7JhebPZp5JrMwpTVvhyl3tmXCRC3o9JdfTC3juMS"
    "h79NbD0nCt6ScN5SNmMoLIynAVud/miOx6tMdsBVbW3b+lTXNBZljHbO84woVM6VwVJ2Af"
    "kKemR61OLHRG2ZpVclD3WPJVkrTZq7pOuSclF5jv4uqRKoab7Hhu3sEvNgZzvbbFZDl6WH"
    "zZswZ2rK6BuRRRPPaBWIdOjQZAU6Deg0kfJogE+bMJ9GO3fwMGnxeODQ9uDQoMfKIMliIl"
    "KVhWV6RrN2qYsTZhZP1bunfTa2W/JTEru1KeZFSQkndx+AO7ZbwlTWFWfFErB4Q8HhIArg"
    "KDiEXLCBc8G8YLk1/HbFhHlZiHgITcPStadd+6ysJJDtomlZkCzAd4bnBKzOr9izOjo1r+"
    "1VHQ4akbyMvgEncZmVAtKyDWlJ2/PxZl6mZeQj1HpJb4BWXv3xDOOlDz//Op1++nA6+c/D"
    "IUAcMGeEJJzP3XPC0Od85L5pbBtDXt6y1/k93irSQ+UlmaUlC3XltE7GDzejD/udzp01nt"
    "Mx0tkWZ208y4zoIK7lkLN46p5lpnj2EevqkqtVaUpkwPxIy7Ymm/MNQcFBbEjbIXi0ocIy"
    "gkB4CrdgiUWF3frYmVXTYez0vAElpnpkZIut2zaG59vu048KWRFpNyjFwa7CulYpLNsO63"
    "Pl0fA3bJO1ODZFPiBy3jTp6q0Yfv1Gbt3dYg/ejt2P0/FOy0jH2S3eNHkzkVHVFvObk+c4"
    "O3HYUpFclV54Oxz3pOOa3ZKaA92nGkK/rr7bSNmueo+5fIeMkAS9jnpvigZdXWQxYjNN51"
    "17q3JTgVkpCRep7glBogNumNMyALIcrGv/cYTOiFf8YOi4tIa2Ov8zLbNXBuh0cnh6SQAd"
    "vHPjdPDupXUjXq1waclqzVTfiYjRtlGqTSggA7qXDGgIAAziLcFmstLtoSL6ZrKsQOGMdq"
    "SqLP4vjJnXbi8bljygZPiImbOwxcOoWzwkU4C350JeULpISPevDnhDDwJzaL0bD1ilZBbv"
    "S7ooPQzPCclF7WhO3i4PErd36CH+EhCQ+OJbiYSMAC8aRWgXNRHaRSFCu8WeRww/HkIoJS"
    "IFykNTQtFeZi1cuKwkRMCEfjUkfVX5ck9zYjJwrgMsYxrdvtI02z1VOVn5mBGZHqudtvie"
    "q7wcPFiNHqyoMUWpf15HlGTlZAqDDsCZFKi/gj6KyuDe0jck7f65u97E1PEtnnLP7OubnY"
    "mZbX1vyGp0c3VxN9a+vqEKvrg2WSSROatkVpMR8wa8qhMNbpp3rWgbZK0xS4R2CFa2pSDv"
    "3lNWtqu8QgpNk8Z6vKeu4tuKE/iKYdHzGv7+JwUpurFaYZemTsfyoQ3jKYYfZVGjWU6nQ9"
    "33Vyts0EUOIEsPdxT2N9hSDDpKiYhEmu1NbuviP2jklWZ2K3cbrITupLJFT+xqOplXVOhx"
    "Y5iY/YMM34NdhkVfTuc1FHT8tHAS0DkxoJ+nyIsKZs3JZKUDdde/aR4ipv4R6GX83XNI7+"
    "QkxLv75Qt40sF5Umgk0W8LVtqxF3Ot0WkZ4E8aLdIhZGrkhPAsH0VJGSAfehGJpmy7hLmM"
    "KBicQhuckEo0YCsziGC+hGcKuH/g/sVUhzTcf6yCSuo/paNnmf/o10I69QvlssmX8mlzGN"
    "4k37wcWEDPWkDkV2OTB+NEQDpwu9/cIVrOPMzVOiYrJQXjluMnGu0EeFizE+BhcSfAlWFi"
    "rurURAD24dmjChXiI5DaLCHbBsRAK1VMgRjgKEctY+X23bS7pMJ0mhOguHt3xvRJJ2/tC1"
    "c6bUxGsLwN0snEdYN9Z9ctu9BNINW06pO8CAF7F+XfaXhWwl8UxswbUBiRSvVEqmEW47WF"
    "ien5kGnVipXwaoqGLN2grw4FWd4jpmmFSeqg+RRlChq+p2xtCz8pYa4RSzXEVrGLbL+3Av"
    "JlouRLNIE50wjTQvJlLfTQLTJMAmyx0WZRUgoLv28uBnmqveI15hMhsOOFs+Mz5A/ibE2W"
    "CAD5sw/5w5YiHtx3EgD8HsAn1hkP9hkhgH8P+JnNS0Ow1ITi3Z+tRBgyCzitV0H7yImmEp"
    "le8W7An7+zk4EnrKvcHTfoIm9HRqJqnsvZ2c0+ofJ1dtBXcl2RXpqSXDFv2ahGN+GV4oJY"
    "/IDMgGpfWWLP0DFjoWgtbVwiSz6EPBW5+GplaD8pZFlxCPrYUyxMLhMV4Jbsk9T77YDlEn"
    "gVm9ewXBC37j9uTV4CbrsgalYSLDOhLTPPtx2npZrTklCXIrKWIYdeLDsccugHzqFP77uY"
    "CeruG67PRpYlAb/XqP050tf4jF5nVuLDpM7WOjFLOk5FdGBD94W20nEDE3vfRVFx1uMHKW"
    "yXpB+ZJ8EuOmeRceJoGLrhP9GmPoats7Y9mU1Yl3hDtFa6w2tvd/rV+tU6U8jEJJdkP51d"
    "mAX+CYrKFrvUu/EVL6CtiDABgJw0POYh0Y4l7H72o6X8zm7Kupj8Ts5WeUO/zOJLRs/dTm"
    "z2W1NXiX1Rzn1O0jJdbnLyvO+U2nmG3Yn+OR5j25lndz2pdo/YPOPMAUjLSFcc0Ecjjsxz"
    "0RTlnJiEvmgPOwYgzs4yiYCE8HbfgWNt22RFL20gf27bJkZWOcoZuRzSSyI4QajrrPzr64"
    "8ZZ+/8Kp+I/vOn80uCPYOeDDL8iqBX/L5XdfRUYoJW+2J5OZncsc52dUxZKAVo6/mMrCTQ"
    "VmITGkxZgeUbJfWPTfSciMLOJiLrOfFkWjGUeWEgKSeia76m6gVBGVpU9W1Www6kvexAmm"
    "2CwTOLi5IS+i/dp4ZToo1MRq4E4rQM5FLukUsJqdujwD7q1vUvHvyvjomsJDjUGP+sGKhg"
    "n9IFGh7g39MqIyXhyxV2a50ozNCwohp62E69rxj8DQ35zapi8OHZ+fMxeBY5bJxC7CALm9"
    "95Cu37T/Su2CsWnU5C1/GeO9/PFdshU1VXyNVxGOTWkGli97swhM1uqxB3c5abR73dZI90"
    "YYjI9rSGVgfBxY7QTh/5HdLhI9Ti5ZURlPDdNZF3VSNyNtIVn8WdEQJLsMGzRDcPCUoYlf"
    "rtRoIySqVHgJliZ4NA3H3CA/g04NOATyOfT/OFGv23GjHrZ2V9zHdnG/g0zIFQPTqco/UX"
    "28uMeg4PZDaapsLklVcHP9COt7REkTohzKz/ibkabDzdApR+iHc1Uu4x3RsU+Qq2fNa6qy"
    "zFuP/blaYDp30SdjmViDdPBYaqyTGrJsVwQuX2hXYPBQfIGSEwLhrDzD5x4xxLyZckcrg4"
    "bVQHfFpTB3xa8Ejid2bDNNVkPKSnlqSnttiBD7be26sZOLh7g6zIkfXYwt3LSkro7k3Eva"
    "ukAQXx7y7Q1kHGurTzTXJuXufbadGoEbemir8CpxmeE4NwEHc4aEltP5+/4V9WTiabZvBe"
    "fx52H8g6z62CvORwSjiQSgPUkDR8v40KCqKgg5Y6AFYcWPExrKYbXNVxIzeikQWlupi38w"
    "YTiDNxkE/mwjKgjfxoF1e3oofG8zJ7mGLsIpx2WFpGOiPs8KRRG7mTmjZyJwfP2WEiGcBy"
    "U9EeAROrNKOcE+uCoHxodzjVc4DzrigZIWCaGqbIcNH+iYCE8HafHoO2dmC1cJSzcuAftP"
    "WSyS/3WvloBVHQQVs/WedaX+LxMkRnsqvLcZN44nF1OPG4EE2MKm954E2JyIdwD/XQGHll"
    "lYnVAcadxIAZpLOe4B06vDi98vNUh8NlYJi+YXmv6f3GaHLYS3VoqkUFl1rycqCazlUD9G"
    "f1e0Eu+jOt9cDRW2o9KwlaF0XrJbkCSd9ogUjvW0auzGpI72jEvBHpHXI1HAnhVNnBllWT"
    "RoR5nJYdX3OuxNFN1vc5ibPNk87ODnZ/CMgQ8uLZVmWC93Sf0hTwHBMb35p+hDxwgfzZqV"
    "LwUnGV6aeDB+qsGEDdAGrILxmfN4P8EiH2mRnH6GKm1EfqHZfYW7uTtabWLvQ4Yo6maIFT"
    "SBEA++RF2idSZWNg2laId0FJC8GEbgLzfVn3jGrONx4P7Rj3YHWhxAo6agCNKl/u8FmgG/"
    "6l5btPsxKTPnW21qZHdJxq2uvxLHrgG0fdrZt7vRpynYKdWdo1hIvSzXiTeTJS8Npv8Nq/"
    "x0+cIO8kekqYGs8xO1o0gPdoUQkvPVWEl/xyXLKPVD3CiZB8WWmLgyY0DxlViTM7lyPobZ"
    "MrrTIeLx+83U/iLTGJbM4+t7GEhItwk7TV6qzVYtKqHfBVHCQC8jFj/SwN2LMDV+PODM6K"
    "ybdQ9AJ22OCcm1zfl4l8eUBPNw9VIm6yqqFydf+yqn7Kk272sVcDM0HoqC/k8C32vBCBkg"
    "6vu9PzOkLKIQNVLxw5YpgZSKkxSalI/9xhi7ycdCH+7gkM5GLEA3E8XkLHpHvPD4JCbUyN"
    "ybGt+KtjkMu1aa+YkQQ1i61mq91O52k52ORcZA0jx1CrGP3a9goZOZlckzEyZAv6KCrjve"
    "1iY219wE9MIVfkq6Py7XPjeLhjfAgvNDE9fIvnWnx0twK46DHxXHJTkABAfjb2Q2Pu7Pbi"
    "7N3l7Ns4nuFHe32LkTkr8QrjU/M6j9C018QhRGYP3uAvs3sj3EfRcfFD6DZAnZQwK8O8xk"
    "WMFdc4KBgrGvyW5/0WB7uGratkUXW5rZ28LFg8Ils8kbZw2cPUSM+49LEC10UsNWu0/RcH"
    "z56Ml8mW7WyfENe2S8Csizjb7XcIEQ7MngnJnSXGgXBGCGBuADMvwkCpN4YWWF9p36kcwd"
    "Z0Ao1mu2VZBueR4PsPN9hEvlHa5y2u0SUeMNZv2KWmq/gCjfGt16LnNGZldc85TJ/nIMiz"
    "mdJmX2REeAto2gJkxBQe7b7JiN3TwGNyp4UkhLmXHunkDWnEb6GGjmJaBHzFEl9RN9bY4/"
    "IWdxISzts+aveRyR2wSwnJNGvHjdZ5UShnz1BdKig0MS00jdWlZl8mUHdDfJKbq4u7sSJ1"
    "Z9g1tM2sxFKOztTayGg3RpiUzZdi/+75uqq2bB+w65VaBNXvr5SIhC+wxZs3TYoR3rypLk"
    "ag53JJmOSh4kA4Gi4huoeNSj0Oa0o9DktqamzLL93Wu7rKIyUCBR6cBR6jFiR8+x/WYROm"
)
