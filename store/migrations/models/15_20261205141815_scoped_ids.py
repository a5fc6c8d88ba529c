"""Migration 15: ids a party chooses are its own. An order is stored under "<its id>@<channel>" (and its events
likewise), a dispute's step under "<its id>@<dispute id>": the key columns and what embeds them (line keys,
decision subjects, recovery movements) grow. PostgreSQL SQL from `python -m store.make_migration`; SQLite does not
enforce a VARCHAR's length and cannot alter a column in place, so it has nothing to do. Rows recorded before
keep their keys (their party still reaches them)."""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

UPGRADE = {
    "sqlite": """
        SELECT 1;""",
    "postgres": """
        ALTER TABLE "decisions" ALTER COLUMN "subject" TYPE VARCHAR(240) USING "subject"::VARCHAR(240);
        ALTER TABLE "orders" ALTER COLUMN "order_id" TYPE VARCHAR(160) USING "order_id"::VARCHAR(160);
        ALTER TABLE "order_events" ALTER COLUMN "event_id" TYPE VARCHAR(160) USING "event_id"::VARCHAR(160);
        ALTER TABLE "order_events" ALTER COLUMN "order_id" TYPE VARCHAR(160) USING "order_id"::VARCHAR(160);
        ALTER TABLE "order_items" ALTER COLUMN "order_id" TYPE VARCHAR(160) USING "order_id"::VARCHAR(160);
        ALTER TABLE "commission_lines" ALTER COLUMN "line_key" TYPE VARCHAR(240) USING "line_key"::VARCHAR(240);
        ALTER TABLE "commission_lines" ALTER COLUMN "order_id" TYPE VARCHAR(160) USING "order_id"::VARCHAR(160);
        ALTER TABLE "deposit_movements" ALTER COLUMN "movement_id" TYPE VARCHAR(160) USING "movement_id"::VARCHAR(160);
        ALTER TABLE "disputes" ALTER COLUMN "order_id" TYPE VARCHAR(160) USING "order_id"::VARCHAR(160);
        ALTER TABLE "dispute_steps" ALTER COLUMN "event_id" TYPE VARCHAR(160) USING "event_id"::VARCHAR(160);
        ALTER TABLE "campaign_rewards" ALTER COLUMN "order_id" TYPE VARCHAR(160) USING "order_id"::VARCHAR(160);""",
}

DOWNGRADE = {
    "sqlite": """
        SELECT 1;""",
    "postgres": """
        ALTER TABLE "decisions" ALTER COLUMN "subject" TYPE VARCHAR(128) USING "subject"::VARCHAR(128);
        ALTER TABLE "orders" ALTER COLUMN "order_id" TYPE VARCHAR(64) USING "order_id"::VARCHAR(64);
        ALTER TABLE "order_events" ALTER COLUMN "event_id" TYPE VARCHAR(64) USING "event_id"::VARCHAR(64);
        ALTER TABLE "order_events" ALTER COLUMN "order_id" TYPE VARCHAR(64) USING "order_id"::VARCHAR(64);
        ALTER TABLE "order_items" ALTER COLUMN "order_id" TYPE VARCHAR(64) USING "order_id"::VARCHAR(64);
        ALTER TABLE "commission_lines" ALTER COLUMN "line_key" TYPE VARCHAR(160) USING "line_key"::VARCHAR(160);
        ALTER TABLE "commission_lines" ALTER COLUMN "order_id" TYPE VARCHAR(64) USING "order_id"::VARCHAR(64);
        ALTER TABLE "deposit_movements" ALTER COLUMN "movement_id" TYPE VARCHAR(64) USING "movement_id"::VARCHAR(64);
        ALTER TABLE "disputes" ALTER COLUMN "order_id" TYPE VARCHAR(64) USING "order_id"::VARCHAR(64);
        ALTER TABLE "dispute_steps" ALTER COLUMN "event_id" TYPE VARCHAR(96) USING "event_id"::VARCHAR(96);
        ALTER TABLE "campaign_rewards" ALTER COLUMN "order_id" TYPE VARCHAR(64) USING "order_id"::VARCHAR(64);""",
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
    "0tI12+RS8bP0FBWhHo7v0ZUQ0LKZKHgDMdYAbfk9/Fg208fsAKJQ+ZeDbM5F00mbuL6qm7"
    "mEIR2IiLQ+f4jpgSJdxKMQ65wU3kAX9Xy99Fu2Vx7QSclhl+T9rZX1aBxbbDUJaBYfqG5b"
    "2m9/trX4t2DZ697FQLXad6qX4ybe1e1YkPz5+OlhOFKk6R05apslolHWYEQcci69jFyLNL"
    "bLCaXSETiQFdiWHciMVBI0LnoIbQOYCdvCF3l1oJjt5S61lJ0LooWi9ZTgslrZQDwNuqss"
    "Ta4H1OUiIPawDHtiaWmQDbQTzzNn2taemiaUgzPw8zYc0b8nzcXF3cjRXX3OFfEtLMKKdm"
    "f694WI/be8XPMHYNW4f8bnHWiXlNeBMCb7MhspDDZ4ID4p2EhHGhumkc4/u2Et63xU72Pj"
    "L5SfWMGHDqrTl1lu2g0QAFB62eFZIJ/c6odcc2De1JfcCuZ/CRFUVJCReR0yasxWk1aXEK"
    "nIX03mun/a2SNMDcK4ajc1MxAVEOf6rX7k3vMNG44X+yHyq9oPyQeZ0vpIeD1W00uplLND"
    "tzHGzpP9jkIVCiSygm1tfY/UkhrpCyRCb1oxXDYx+9YKvYK/ZvcqPXsxzKnV10j/TS+EKc"
    "PkBOTLo0x2H68I9XyvXCPDDxE8cgrUkiJ2Dwmq0pxDOHS1HvI6IJTZ8GWahHz14S0+TeM3"
    "kJWixKmsei0fqMllsMpEXly1d6uZRFn874F9fWA63UCY9Pzeucbycc1NTnVmJX5zuPJQUT"
    "hf+kMG/5d/oR678r8RWpY4wshVzPeMCJnKKRY0vyeYPNB6wrtqv8GdhEsMQX7/lm5aHTSJ"
    "QOgLZYghnY0BZrBAMQ2mJBWyzZ/fVUcwH+iqRyYZm00V13IQHrGaVi/lbIMIkPQSu6uErA"
    "8nJQBpZxPaAMTFgmxcUr7GJL45vvWSkxZju9rTSzHSoPqt8B0yRCGlUeCB0/nbzHUFdgkO"
    "It9q0vSF1qYqA3ri/ITjiRuqbd4AcDP1ZujpY+Pa8j9lw2kGd7tHTyy4+Kaz96CnJxSLiR"
    "y7hKlFWnvHrc2HPlcYMt+hf5c4W2mXTJ/4a2UcJkRyVKdvy+Nsem49tAUzeh/e1q+g7Rx1"
    "FjyXqcr46iJGTfPE83kWXALnlV1MAcC8C7uSm8qmubXHsUZqUkBPrwpFEGX00CXwnQnKn4"
    "OwkJAe5+K8iqRKY7/LWy6bREjRnqXLPLf9/Ve82JZ/bx+vPf4uF5VzrXEJKYM66h83EZGS"
    "ExqAypiDuo+xm47geSo6RJjhIkSyahNMoq9lN0R03BfjRqxL7jIpFrAhWGdGW+17Qcx2tk"
    "quwTB+5ZKQkX/l6yugNP03hQjsdLN62PmsSGj6pjw0eF2DBm23ipvJU3OTEZJ3LnblOU/2"
    "TwGfJZqeEt+XHsmF5s9mkkmszCfNW+HKXe2ZcJsLZy8YqO4xJvv01UPScKrpJwrlI2Vygs"
    "iaehWp3+aI5nq0x2wCVtbdv6VBc0Fl+M9szzjChIzpW7UnYB+Up5ZHrU4sdEbZmfVyUPFY"
    "8l+SpN2rqkK5Jy8XiOzi6p4qdpvseG7ekSk2BnO8NsVsOVpYfNm9BmasriG5FCE89iFYhx"
    "ACINiDQZ02eASZswk0YbdvBwaPF4YM/2YM+gtcogdI6IJGVhmZ7RZF3q34QJxVN17Wl7je"
    "2W/JTEaG2KeVFSwsndB+CO7ZbQlHU1WbEELN5QZziIAjjqDCELbOAsMC9Ybg2/XQ1hXhbC"
    "HUJzsHTtadc1KysJTLtoWhYk/++d4TkBK+8rtqqOTs1rW1SHg0ZkLqNvwMlaZqWAseRmLG"
    "lLPt6Ey7SMfGxah324oX3XECTDeFnDz79Lp790pHP+PBwCxAFzRkjC+dw9IQy9zUfulca2"
    "LuQlLXud3+OtIj0UXJJZWrJQV07rZPxwM/qw3+ncWbM5HSOdbWvWxq3MiA7iVw45i6fuVm"
    "ZqZh+J/7/kak+aEhkwM9KyrcmmekNEcBAb0nYIHm14sIwgsJ3CLVhi8WC3PnZm1VwYOz1v"
    "wIepHhnZYru2jeH5tvv0o0JWRNoBSnGwq7BOVQrLs8P6XHk0/A3bWC0OTJEPiJw3Tbp6K4"
    "Zfv3lbd7fYg7Rj9+N0vNMy0hF2g2ziJg5VKpKr0v3LCsdN6LimtqS2QPdJhtCjq+/WUbar"
    "3mMuxyEjJEF/o94LFqGTiywWbKbLvGtvVW4eMCsl4SLVPRtIdMANc1oGQJaDcu0/iNAZ64"
    "ofDB2Xls5WZ36mZfbK/ZxO9k4vqZ+Dd2ucDt69tGvEqxUurVStmeo7ETFaNUq16wTkPveS"
    "+wzs/yDeEuweK92mKaLvHstKE85oF6rKmv/CmHntfrJhsQNKho+YMwt7Ooy6p0MyBXhbLe"
    "QFpQuDdP/qgDf0MCEPZr0bD1ilZBbvS7ooPQzPCZlF7WhO3v4OEjd26CH+EhCQ+OJbiYSM"
    "AC8aRcYXNZHxRaGsYos9jxh+PIRQSkQKlIemhKLNy1q4cFlJiIAJ/WpI2qnyJZ7mxGTgXA"
    "dYxjS6X6VptnuqcrLyMSMyPVY7bfE9V3k5eLAaPVhRS4pS/7yOKMnKyRQGHYAzKVB/BX0U"
    "lcG9h29I2v1zd72JqeNbPOWe2cg3OxMz+/jekNXo5uribqyNfEMVfHFtskgic1bJrCYj5g"
    "14VSca3DTpWtE2yFpjlgXtEKxsS0HevaesbFd5hRSaI431eBNdxbcVJ/AVw6LnNfz9TwpS"
    "dGO1wi7Nm47lQxvGUww/SqFGs5xOh7rvr1bYmoscQJYebiHsb7ClGHSUEhGJNNWb3NbFf9"
    "DIK03rVu42WAndSWWLntjVdDKvqNDjxjAx+wcZvgfbCou+nM5rKOj4aeEkoHNiQD9PkRcV"
    "zJqTyUoH6q5/0zxETP0j0Mv4u+eQ3slJiHf3yxfwpIPzpNBFot/mq7RXL+Zao9MywJ80Wq"
    "RDyNTICeFZPoqSMkA+9CISTdl2CXMZUTA4hTY4IZVowD5mEMF8Cc8UcP/A/YupDmm4/1gF"
    "ldR/SkfPMv/Rr4V06hfKZZMv5dPOMLxJvnk5sICetYDIr8YmD8aJgHTgdr+tQ7SceZirdU"
    "xWSgrGLcdPNNoD8LBmD8DD4h6AK8PEXNWpiQDswLNHFSrERyC1WUK2DYiBVqqYAjHAUY5a"
    "xsrtu1d3SYXpNCdAcdPujOmTTt7aF6502piMYHkbpJOJ6wb7zq5bdqGbQKpp1Sd5EQL2Ls"
    "q/0/CshL8ojJk3oDAileqJVMMsxmsLE9PzIdOnFSvh1RQNWbpBXx0KsrxHTNMKk9RB8ynK"
    "FDR8T9naFn5SwlwjlmqIrWIL2X5vBeTLRMmXaAJzphGmheTLWuihW2SYBNhii82ipBQWft"
    "9cDPJUe8VrzCdCYMcLZ8dnyB/E2ZosEQDyZx/yhy1FPLjvJAD4PYBPrDMe7DNCAP8e8DOb"
    "l4ZgqQnFuzlbiTBkFnBar4L2kRNNJTK94t2AP39nJwNPWFe5O27QRd6OjETVPJezs5t9Qu"
    "Xr7KCv5LoivTQluWLeslGNbsIrxQWx+AGZAdW+ssSeoWPGQtFa2rhElnwIeSpy8dXK0H5S"
    "yLLiEPSxp1iYXCYqwC3ZJKn32wHLJfAqNq9huSBu3X/cmrwE3HZB1KwkWGZCW2aebztOSz"
    "WnJaEuRWQtQw69WHY45NAPnEOf3nQxE9TdN1yfjSxLAn6vUftzpK/xGb3OrMSHSZ2tdWKW"
    "dJyK6MCG7gttpeMGJva+i6LirMcPUtguST8yT4JddM4i48TRMHTDf6JNfQxbZ217MjuwLv"
    "GGaK10e9fe7vSr9at1ppCJSS7Jfjq7MAv8ExSVLXapd+MrXkBbEWECADlpeMxDoh1L2P3s"
    "R0v5nd2UdTH5nZyt8oZ+mcWXjJ67ndjst6auEvuinPucpGW63OTked8ptfMMuxP9czzGtj"
    "PP7npS7R6xecaZA5CWka44oI9GHJnnoinKOTEJfdEedgxAnJ1lEgEJ4e2+A8fatsmKXtpA"
    "/ty2TYyscpQzcjmkl0RwglDXWfnX1x8zzt75VT4R/edP55cEewY9GWT4FUGv+H2v6uipxA"
    "St9sXycjK5Y53t6piyUArQ1vMZWUmgrcQmNJiyAss3Suofm+g5EYWdTUTWc+LJtGIo88JA"
    "Uk5E13xN1QuCMrSo6tushh1Ie9mBNNsEg2cWFyUl9F+6Tw2nRBuZjFwJxGkZyKXcI5cSUr"
    "dHgX3UretfPPhfHRNZSXCoMf5ZMVDBPqULNDzAv6dVRkrClyvs1jpRmKFhRTX0sJ16XzH4"
    "Gxrym1XF4MOz8+dj8Cxy2DiF2EEWNr/zFNr3n+hdsVcsOp2EruM9d76fK7ZDpqqukKvjMM"
    "itIdPE7ndhCJvdViHu5iw3j3q7yR7pwhCR7WkNrQ6Cix2hnT7yO6TDR6jFyysjKOG7ayLv"
    "qkbkbKQrPos7IwSWYINniW4eEpQwKvXbjQRllEqPADPFzgaBuPuEB/BpwKcBn0Y+n+YLNf"
    "pvNWLWz8r6mO/ONvBpmAOhenQ4R+svtpcZ9RweyGw0TYXJK68OfqAdb2mJInVCmFn/E3M1"
    "2Hi6BSj9EO9qpNxjujco8hVs+ax1V1mKcf+3K00HTvsk7HIqEW+eCgxVk2NWTYrhhMrtC+"
    "0eCg6QM0JgXDSGmX3ixjmWki9J5HBx2qgO+LSmDvi04JHE78yGaarJeEhPLUlPbbEDH2y9"
    "t1czcHD3BlmRI+uxhbuXlZTQ3ZuIe1dJAwri312grYOMdWnnm+TcvM6306JRI25NFX8FTj"
    "M8JwbhIO5w0JLafj5/w7+snEw2zeC9/jzsPpB1nlsFecnhlHAglQaoIWn4fhsVFERBBy11"
    "AKw4sOJjWE03uKrjRm5EIwtKdTFv5w0mEGfiIJ/MhWVAG/nRLq5uRQ+N52X2MMXYRTjtsL"
    "SMdEbY4UmjNnInNW3kTg6es8NEMoDlpqI9AiZWaUY5J9YFQUC7Idq8y0lGCGimhvkxXJx/"
    "IiAhvN3nxqCtHVgtvOSsHDgHbV1k8su9Vg5aQRR00NZJ1rnWl3i8DKGZ7Opy3CSYeFwdSz"
    "wuhBKjslseeFMi8iHcQzE0Rl5ZWWJ1dHEnMWD66KwneIeOLU6v9jzV3nAZGKZvWN5rer8x"
    "Ohz2Uhqa6k/BpZa8HKimc9UA91n9XpCL+0xrPXD0llrPSoLWRdF6SaJA0jRaIMb7lpErsx"
    "rGOxoxb8R4h1wNRzY4VXawZaWkEVse52TH15wrcWiTNX1OgmzzpK2zg90fAjKEvHi2VWng"
    "Pd2nNP87R8PGt6YfIQlcIH92qvy7VFxl+unggTorBlA3gBqSS8bnzSC5RIhNZsYxupgp9Z"
    "F6xyX21u5kram1izuOmKApWtRUoPyA/pM0wTgB40SSSZ5aUTBtKMS7mqSFYEI3gfm+rG9G"
    "NeEbj4dGjHtQulBcBb00gEOVL2v4LNAN/9Ly3adZiT2fOltr0CM6TjXt9XjmPJCNo+7Tzb"
    "1eDblOwZ4s7VrBRblmvJk8GSl47Td47d/jJ06QdxI9ZUuN55gdLRrAe7SohJeeKsJLfjku"
    "2UGqHuFESL6UtMVBk5w0MqoSZ3Yux87bJldOZTxePni7n8RbYhLZnB1uYwkJF+EmOavVKa"
    "vFjFU74Cs3SATkY8b6WRqwZweuxp0WnBWTb6HoBeywtTk3ub4vE/nygJ5uEqpE3GRVK+Xq"
    "zmVVnZQn3eZjr9ZlgtBRX8jhW+x5IQIlvV13p+d1hJRDBqpeOHLEGDOQUmOSUpH+ucMWeT"
    "mI7z9LYCAXIx6I4/ESOibde34QFGpjakyObcVfHYNcrk1jxYwkqFlsNVvt9jhPy8H25iJr"
    "GDmGWsXo1/ZWyMjJ5JqMkR5b0EdRGe9tFxtr6wN+Ygq5Il8dlW+cG8fDHeNDeKGJ6eFbPN"
    "fio7sVwEWPieeSm4IEAPKzsR8ac2e3F2fvLmffxvEMP9rrW4zMWYlXGJ+a13mEpr0mDiEy"
    "e/AGf5ndG+EOio6LH0K3AYqkhFkZ5jUuYqy4xkHBWNHgtzzvtzjYNWxdJYuqy23t5GXB4h"
    "HZ4om0hcsepkZ6xqWPFbguYqlZo72/OHj2ZLxMtmxnO4S4tl0CZl3E2W6/N4hwYPZMSO4s"
    "MQ6EM0IAcwOYeREGSr0xtMD6SvtO5Qi2phNoNNstyzI4jwTff7jBJvKN0iZvcYEu8YCxfs"
    "MuNV3FF2iMb71WPKcxKyt6zmH6PAdBns2UNvsiI8JbQMcWICOm8Gj3TUbsngYekzstJCHM"
    "HW4EkDK9bc+I30INHcW0CPiKJb6ibqyxx+Ut7iQknLd91O4jkztglxKSadaOG63zolDOnq"
    "G6VFBoYlpoGqtLzb5MoO6G+CQ3Vxd3Y0XqzrBraJtZiaUcnam1kdFujDApmy/F/t3zdVVt"
    "2T5g1yu1CKrfXykRCV9gizdvmhQjvHlTXYxAz+WSMMlDxYFwNFxCdA8blXoc1pR6HJbU1N"
    "iWX7qhd3WVR0oECjw4CzxGLUj49j8c2A/s"
)
