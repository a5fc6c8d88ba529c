"""Migration 18: dispute ids are the opening channel's own ("<its id>@<channel>") and application ids the
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
    "eJztXWlv3DjS/itCf5kM0BPYbcfxO7NYwEmcXW8OB7Znd7EzAw1bYrs1VksaHXaMffPfl6"
    "Tu06JaB0XXF8MtsaTupyiq6qli1X8XO1vHpvfyzDE+4MfFj8p/FxbaYfJP4cxSWSDHSY/T"
    "Az5am2wocgz1Dj+yg2jt+S7SfHJ8g0wPk0M69jTXcHzDtshRKzBNetDWyEDDuk0PBZbxZ4"
    "BV377F/ha75MQvv5HDhqXjr9iLPzp36sbApp77soZO782Oq/6jw469MW4vLP89G0tvuFY1"
    "2wx2VjreefS3tpUIGJZPj95iC7vIx/QOvhvQX0C/YPRj4x8Vftl0SPgtMzI63qDA9DO/eK"
    "2mxxaq+vnyRr0+v1HVBQdGmm1RfMlX9RgAt/Qr/PB/q9XR0evVwdHJ6avj169fnR6ckrHs"
    "+5ZPvf4WfpkUrfBSDLOLv118vqFfyCZKDLVLD3xjMshHoRRTRoo+0b1apYG3W+RW459KFH"
    "RAflxRBzHi4iphh76qJrZu/S35eLRqwPefZ1dv/3529eJo9X0e5M/RmRU7ReHOw7tF3pYX"
    "4FhGOohPjltAfHJcCzE9lYfYtcmYSnjPrWDHIL4gXwhZGi5BHcv2A3N8IMU5XUa7A73QkG"
    "liV4m/6/STmgCATZ4ZnQh0wjmarAPD3HE+rw4OWsBLRtXiy87lAXaQ6z/yAJwIyAdw/wuG"
    "g12PfCMeeBMJ+fAdZAJrLqZwqMgvw/yOnPGNHa6GOi9ZgFuPRF/G/4izSrdHn/xA/dIyH6"
    "OJ0QD+zcWn8+ubs09f6O12nvenyfA7uzmnZ1bs6GPh6IuTgp6Siyj/urj5u0I/Kv+5/HzO"
    "4LU9/9Zld0zH3fxnQb8TCnxbtewHFekZiyE+GqOW0zr+6hjkah20npfsQeuCPXIzUXKMSa"
    "OWXXxv33V6tvOSoGXRtExd9M1dxk2kB9ZIu3tArq7mzmRtlVusetjzCFhehScfib//cIVN"
    "xBAt6z7iK76QS12HV5rhwv4tnu7x0XiBpyjaK7sO1/Kp3WpXPIIsgo0e3ZveKYLsHdYMit"
    "cV1mw3z6tUj1g2kUF6NFYwNujnny/ecXBBQWDoL6nMMK7y4i+bwNIoBgq7E/1z/NfF+GtK"
    "6LiFi0T28Wc/vZn1cWzT0HiJn5zQUB6zTMxEBNg98R4MToejJCkf3qdt/I7TerfjtOx12J"
    "aPLZ+bcCvKicwGCTO5kafaG14LMBGS0LGbu/WXVe6GvPcrjLl/XF9+rlZsIlBUrKH5yv8r"
    "puGV4jPzVimFIqfN+Fl58ens38XH6O3HyzdFNdELvCk8U3bgOwEf8BkRgH4P6DeGiyusoY"
    "YZHwsA7HvA7gXrP7BWwSTUv60zIvIZRavjVmzscQMbewxs7LNlYzkYnCFZifd0bbwK2E8u"
    "ERLpyWUbLkJ1ydB2hMTi0sKKaz8oDg2XEjEFKS6jPbCuxNdT2MJNINxihU06ZY235J90AJ"
    "mYroE9BZGDdLCi2QGZLi8XhRk1wu2eJlJ+ybvl9GtE/4a29m+QdyNk3k0yvfkIr4JYn8zX"
    "tK/BfXiuOfBaUvn+mVWmLcgZEYAY6JXnR68IYppdY5pMVmWXRWcajTKPjZkwPBR+Ac61Jy"
    "cEGZU1a0+9raJtkWXxZfxlREZz0pN/ZwV7CrNvhI9fW4zj8eO9TxcEIGSOg+/hSQt8D4ur"
    "eIovPZXH988AmcbmkXwFldzV8hAL4lawrbUuUMMVnvaL+lLCwVDwh37R6vD49fHp0clx4g"
    "4lR5q8oNjjAdYJWKdWeUPeFpsVBi5PvtA1vcSFj3cznAK12ULFN4JKX6W3eM/Uqhtypbfs"
    "QjJhNaihnEyuKls5O/MazGU6TDXIuAFM5l8iu5Ze2bsLQqYPNtyJTvxRVXEYedFw4ExaGN"
    "Be4Dimwe8e5sXk2+LRP9IaQeLWdrn2KGVlYDq3SR90DQ2rG1yROdi0XOfExnNLJFm4BYrQ"
    "CLam9BOhAa+wfprL5RXm3syC0LZTa3iAN0bJ+S6iXob8ve1i49b6gB8Z8Nnd8TWOdnKhmQ"
    "Fe5zmSwy56SHyj/FQjv5/8auyH0/Ps+u3Zu/PFt2nCNRm/vcINzXv19X5okUcQZ2sP+J1j"
    "+Z0b196pvCGGnJCES3D/QQbyEuSO49gAMQ/EkxvmogHej2XOb5FLa4nPxPJutZUHTG8wvc"
    "H0XvCb3peuXp0oFZ5oNLhpDviUaVLs/pzPfFZGuiSpw5M2+2rIqAY75OCpPClxl9r5Z6el"
    "KK+DR26QszLwOmsTe0BGF442IwZmodBm4drW+SuT5oTgOWoTkvaRH1Tk7jS8DxKJEfM66X"
    "O7GAXiVRuIV/UQr8oQbw3H6RRRyktCPTKR1ysXa5ggQP2JjeHuOtafq74GaF5kzadJ1xXh"
    "A9s2MbKeytauUPKaSA61nCZHxtXsm8vLjzmlvrkoRAk+//zpzTlxc5g2ySDDr8l9yCS6d2"
    "Rb668AGRGQEfE8MyI65cnje2xVlQTiyf5mjNU5vdAMJ0GrTPkkx3pPkGTbTTA4QRrOqjqW"
    "NJlzT1ClajrLpyFM2f05SaWsDBCmXQhTBhcH4vF4CamH/v1iiOdK6Q6hHS0PxJ8WnpfrlB"
    "cumPk9TVr4iPt3RMN76MAOUNJjwAz+Zj30cvmbudKyQmQETK3fYUzchjwgO84V2TMNKMk5"
    "mRnibbOAslNNuCSgul3gOcbgKQ93sF3gyRSDTeCCGY2wCRy2JssJMmxNntQH/TNAlm9UtQ"
    "htKl2ViMiEfG/lqqB4xOhlOigk6trhmMVVohJRWf1P5q5sYc0FJMJ65CXbxZuA/F6dXxVF"
    "SWkqDY6sAWBAgAEBBoSbAXlr73YG68n60bDwooIGKYxYNnEhWjJWNclgqEbwTAkQqnz1Dn"
    "N56VkZ6fItjlZtlmIyqnYpZucKZiBsSBvBnxHVsJAieQg40xFm8B35XTzYxuNH3KHkIRMv"
    "xpm8qzZzd1U/dVdz2AQ24eLQO74TpkQJt1JMQ25wE3nA3zXyd1G3LK5OwFmZ8XvSLv6yCS"
    "zWDkNZB4bpG5b3kt7vr0Mt2g14DtKpFqpODbL7ybS1O1UnPjx/OlpBFHZxipy2TJXVKekw"
    "Jwg6FlnHLkaeXWGDNXSFTCRGdCXGcSNWB606eR80dPI+gE7ekLtLrQRH76j1vCRoXRStVy"
    "ynpS2tlAPAu7ptiY3B+4KkRB7WCI5tQywzAbaHeOZ19lrz0kXbkGZxHubCmlfk+bi6eHsz"
    "VVwzxb8ipJlTTkN/r3jYgO294mcYu4atQ363OOvEsiG8CYG3xRhZyOEzwQFxKiFhXKhpGs"
    "f4vq6F93W5kr2PTH5SPScGnHpnTp1lO2g0QMFBq+eFZEK/N2rdsU1De1TvsesZfGRFWVLC"
    "ReS0DWtxWk9anAJnIb332mt9qyQNsPCK4ajcVE5AlMOfGrR60ztMNG74n+z7Wi+oOGTZ5A"
    "vp4WB1F41u5xItzhwHW/oPNnkIlOgSion1W+z+pBBXSFkjk/rRiuGxj16wU+wN+ze50ctF"
    "AeXeLrpHeml8IU4foCAGaY71aY4N3td0W7memQcmfuIYpDVJ5ASMvmdrDvHM0Wb4IBFNKP"
    "o0ykI9efaSmCb3nslLUGJR0jwWje7P6NhiICsqX77S86UshnTGv7i2HmiVTnh8atnkfDvh"
    "oLY+txK7Ot95LCmYKPwnhXnLv9OPWP9dia9IHWNkKeR6xj1O5BSNHFuTz1ts3mNdsV3lz8"
    "AmghW++MA3qw6dRqJ0AJTFEszAhrJYExiAUBYLymLJ7q9nigvw70iqFpZJG/1VFxJwP6NU"
    "zN8GGSbxIeiOLq4tYEU52AaWcz1gG5iwTIqLN9jFlsY33/NSYsx2eltpZjvsPKh/B8yTCG"
    "m180Do+OnsPYamDQYZ3mLf/QWZS80M9Nb7C/ITTqSqaVf43sAPtc3RsqeXTcSeywbytEfL"
    "Jr/8qLj2g6cgF4eEG7mMq0RZdcqLh629VB622KJ/kb9UaJlJl/xvaFslTHZUomTH7xtzbH"
    "q+DRR1E9rfrqfvEH0cNZasx/nqKEvKl30zSFEsshLYFW+LBqRjAXg9tyD0GFqqa5tcbQrz"
    "UhICfXjSaiY3TOQKoDmz8VMJCQHuvxtkXS7TDf5aW3daotoMTd7Z+b9vmh3nxDn7ePn5b/"
    "HwojddqAlJLBrX0PnojJyQGGyGVNwdbP0ZeesP5EdJkx8lSKJMwmpUbdrPMB4Ne/ajUROW"
    "HheJXxNob0hf5ntD1XF8i0yVfeLAPS8l4cI/SGJ34GkaD8rxeOmm9VGb8PBRfXj4qBQexq"
    "yTl8q7+aYgJuNE7t1tilKgDD5DPi81viU/jR0ziM0+j1yTRZiyOpSjNDj7MgPidlK6awjm"
    "1nFc4vB3ia0XRMFbEs5bymcMhRvjacBWpz+a4/Gqkh1xVbu1bX2uaxqLMkad8zwjCpVzZb"
    "BUXUC+DT0yPWrxY6J2zNKrk4d9jxVZK22Ku2T3JRWi8hz1XTJboOb5Hhu3skvMg52lttmi"
    "gS7LDlu2Yc7UjNE3IYsmntEqEOnQo8kKdBrQaSLl0QCfNmM+jVbu4GHS4vHAoe3BoUGNlV"
    "GSxUSkKkvL9IJm7VIXJ8wsnqt3T+ts7HbkpyR2a1vMy5ISTu4hAHdst4KpbNqcFUvA4g0b"
    "DkdRAMeGQ8gFGzkXzAvWO8PvtpmwKAsRD6FpWLr2dCuflZcEsl00LQuSBfjO8JyA7fMr16"
    "yOTi0ba1WHgyYkL6NvwElc5qWAtOxCWtLyfLyZl1kZ+Qi1QdIboJTXcDzDdOnDT79O558+"
    "nE3+83AIEAfMOSEJ53P/nDDUOZ+4bhprY8jLWw46v6dbRQbYeUlmacVCXTutk/HjzejDYa"
    "dzb4XndIx01uKsi2eZEx3FtRxzFs/ds8xtnn3AurrmKlWaERkxP9KyrdnmfENQcBQb0nYI"
    "Hl2osJwgEJ7CLVhiUWHXPnYW9XQYO71sQYmpHhnZoXXb1vB82338USErIq0GpTjYVVjVKo"
    "Vl22F9qTwY/pY1WYtjU+QDIudNk67eiuE3N3Lr7xZ78HbsfpyOd1ZGOs5u9arNm4mMqreY"
    "X508xdmJw5aK5KoMwtvhuCYd1+yW1BzoP9UQ6nUNXUbKdtU7zOU75IQkqHU0eFE0qOoiix"
    "GbKzrv2juVmwrMS0m4SPVPCBIdcMOclQGQ5WBdh48j9Ea84ntDx5V7aOvzP7Mye2WAzieH"
    "Z5AE0NErN84H70FKN+LNBlduWW2Y6qmIGGUbpWpCARnQg2RAQwBgFG8JmslK10NF9GaybI"
    "PCGa1IVbv5vzRm2dheNtzygJLhE2bOQouHSVs8JFOAt+ZCUVC6SEj/rw54Q48Cc2i9G/dY"
    "pWQW70u6LD0OzwnJRd1oTt4qDxKXdxgg/hIQkPjiW4mEjACvWkVoVw0R2lUpQrvDnkcMPx"
    "5CKCMiBcpjU0JRL7MOLlxeEiJgQr8akrqqfLmnBTEZONcRljGNtq80zW5PVUFWPmZEpscq"
    "1Rbfc1WUgwer1YMVFaao9M+biJK8nExh0BE4kxL1V9JHWRncLX1D0u6f6fVmpo5v8ZR7oq"
    "9vfibm2vpekdXo6uLtzVR9fUMVfHFtskgic1HLrCYjli14VSca3DbvWtG2yLrFLBHaIVjZ"
    "loK8O0/Z2K7yAik0TRrrcU9dxbcVJ/AVw6LnNfz9TwpSdGOzwS5NnY7lQxvGUww/yqJGi4"
    "JOx7rvr1ZYoIscQJYedhT2t9hSDDpKiYhEmu1NbuviP2jklWZ2KzdbrITupLJDj+xqOplX"
    "VOhha5iY/YMM34Muw6Ivp8sGCjp+WjgJ6IIY0M9z5EUFs+ZkstKBuhveNA8RU/8I9Cr+7i"
    "mkUzkJ8e5/+QKedHSeFApJDFuClVbsxVxrdFYG+JNWi3QImRo5ITzLR1lSBsjHXkSiKdst"
    "YS4nCgan0AYnpBKNWMoMIpjP4ZkC7h+4fzHVIQ33H6uglvrP6OhJ5j/6tZBO/Uy5bPKlfF"
    "ochjfJtygHFtCTFhD51djkwTgRkA7c/ps7RMuZh7lKx+SlpGDcCvxEq06Ahw2dAA/LnQA3"
    "hom5dqcmAtCHZ49dqBAfgdRmCdk2IAY6qWIOxADHdtQqVm7fpt0VO0znOQHK3btzpk82eW"
    "tfuLJpYzKC5W2RTiauG+w7u67Zha4CqabVkORFCNi7KP9Ow4sK/qI0ZtmCwohUqidSLbMY"
    "Ly1MTM/7XKlWrIRXUzRk6QZ9dSjI8h4wTStMUgfNxyhT0PA9ZWdb+FEJc41YqiG2ylVkh7"
    "0VkC8zJV+iCcyZRpgVki9rYYBqkWESYIdGm2VJKSz8obkY5Kn2hteYT4TAjhfOjs+RP4iz"
    "NFkiAOTPPuQPW4p4cE8lAPg9gE+sMx7sc0IA/x7wM5uXhmCpCcXbn61CGDILOK1XQevIia"
    "YSmV7xbsCfv5PKwBPWV+6OG/SRtyMjUbUs5Oyks0+ofJ0U+lquK9JLW5Ir5i1b7dFNeKV4"
    "Qyy+R2ZAta+ssWfomLFQdC9tvEWWfAh5KnLxzcbQflLIsuIQ9LGnWJhcJtqAW9EnafDbAc"
    "sl8Cq2bGC5IG49fNyavATcbkHUvCRYZkJbZp5vO05HNWclYV+KyFqGHHqx7HDIoR85hz7b"
    "dzEX1N03XJ+PLEsC/qBR+zdIv8Vn9DqLCh8mc7bRiVnTcSqiA1u6L7SUjhuY2PsuioqzGj"
    "9IYV2SfmSeBLvokkXGiaNh6Ib/SIv6GLbOyvbkmrCu8ZZorbLD62B3+tX61TpTyMQkl2Q/"
    "nV2YBf4JisoOu9S78RUvoKWIMAGAnDQ85iHRiiXsfvaDpfzObsqqmPxOztZ5Q78s4ktGz1"
    "0qtvitravEvihnn5OsTJ9NTp72nTKdZ9id6J/jKdrOPNn1pN49YvOMMwcgKyPd5oAhCnHk"
    "nou2KBfEJPRFB+gYgDgryyQCEsLbfwWOW9smK3plAfk3tm1iZFWjnJMrIL0mgjOEusnKv7"
    "z8mHP23lwUE9F//vTmnGDPoCeDDL8m6BW/71UdPVaYoPW+WFFOJnest66OGQulBG0zn5GX"
    "BNpKbEKDKSuwfKNi/2MbPSei0NlEZD0nnkwnhrIoDCTlTHTNV1S9JChDiaqhzWroQDpIB9"
    "J8EQyeWVyWlNB/6T81nBJtZDJyJRBnZSCXco9cSkjdngT2SVvXP3vwvzomspLgUGv882Kg"
    "gn22LtDwAH9Pq5yUhC9X6NY6U5ihYEU99NBOfagY/BUN+S3qYvDh2eXTMXgWOWydQuwgC5"
    "vfeQqt+0/0rtgbFp1OQtdxz53vl4rtkKmqK+TqOAxya8g0sftdGMJmt1WIu7kozKPBbrJH"
    "ujBEZAdaQ+uD4GJHaOePfIp0+Ah1eHnlBCV8d83kXdWKnI10xWdx54TAEmzxLNHmIUEFo9"
    "LcbiSoolQGBJgpdjEKxP0nPIBPAz4N+DTy+TRfqNF/rRGzflFVxzw928KnYQ6E6tHhHKW/"
    "WC8z6jnck9lomgqTV14c/EAr3tItitQJYWb9T8zVYONpC1D6Ie5qpNxh2hsU+Qq2fFa6qy"
    "rFePjbVaYDZ30SdjmViLdPBYZdk1PumhTDCZXbF0ofCg6Qc0JgXLSGmX3ixjmWki9J5HB1"
    "2mof8GnDPuDTkkcSvzNbpqkm4yE9tSI9tUMHPmi9t1cxcHD3RlmRI+uxg7uXl5TQ3ZuJe1"
    "dLAwri371FOwcZt5WVb5JzyybfTotGTdiaKv4KnGZ4QQzCQdzhoDW1/Xz+gn95OZlsmtFr"
    "/XnYvSfrPLcKipLjKeFAKg1QQ9Lw/S4qKImCDjrqAFhxYMWnsJqucF3FjcKIVhaU6mLeyh"
    "tMIM7EQT6ZC+uAFvKjVVzdmhoaT8vsYYqxi3DaYVkZ6Yyww5NWZeROGsrInRw8ZYeJZADL"
    "TUV7BEys0oxyTqxLgvKh3eNULwDOu6LkhIBpapkiw0X7JwISwtt/egza2YHVwVHOy4F/0N"
    "VLJr/c6+SjlURBB139ZJ1rfYnHyxCdya8ux23iicf14cTjUjQx2nnLA29GRD6EB9gPjZFX"
    "tTOxPsCYSoyYQboYCN6xw4vz236eqXC4DgzTNyzvJb3fFEUOB9kdmilRwaWWohyopnfVAP"
    "1Z/16Qi/7Maj1w9I5az0uC1kXRekWuQFI3WiDS+5qRK4sG0jsasWxFeodcDUdCOFV2sGO7"
    "SSPCPE7Ljq+5VOLoJqv7nMTZlkllZwe7PwRkCHnx7OoywQe6T2UKeIGJjW9NP0IeuED+7F"
    "wpeKm4yuzTwQN1XgygbgE15JdMz5tBfokQfWamMbqYKfWRescV9lZ6stHUSkOPE+ZoihY4"
    "hRQBsE+epX0iVTYGpmWFeBeUrBBM6DYw31VVz6jnfOPxUI5xD1YXtlhBRQ2gUeXLHT4LdM"
    "M/t3z3cVFh0mfONtr0iI5TTft2Oose+MZJu3Vzr1djrlPQmaVbQbgo3Yw3mScnBa/9Fq/9"
    "O/zICXIqMVDC1HSO2dGqBbxHq1p46akyvOSX44o+Us0IJ0LyZaWtDtrQPGRULc7sXIGgt0"
    "2utMp4vHzw9j+Jd8Qksjnr3MYSEi7CbdJW67NWy0mrdsC34yARkI8ZG2ZpwJ4duBp3ZnBe"
    "TL6FYhCwwwLn3OT6vkzk8wN6vnmoEnGTdQWV6+uX1dVTnnWxj70KmAlCR30hh6+x54UIVF"
    "R4TU8vmwgphwxUvXDkhGFmIKWmJKUi/XOHLYpy0oX4+ycwkIsRD8TxeAkdk/49PwgKdTE1"
    "Zse24q+OQS7XpbxiThLULLaarW6dzrNy0ORcZA0jx1DrGP3G8go5OZlckykyZEv6KCvjve"
    "1i49b6gB+ZQi7IV0fV7XPjeLhjfAgvNDM9fIvnWnw0XQFc9JB4LoUpSAAgPxv7oTF3dv32"
    "7N354ts0nuFH+/YaI3NR4RXGp5ZNHqFp3xKHEJkDeIO/LO6MsI+i4+L70G2AfVLCrAzLBh"
    "cxVlzroGCsaPBbnvZbHOwatq6SRdXltnaKsmDxiGzxRNrCVQ9TKz3jyscKXBex1KzR8l8c"
    "PHsyXiZbtrc+Ia5tV4DZFHG2u3cIEQ7MgQnJ1BLjQDgnBDC3gJkXYaDUW0MLrK+071SOYG"
    "s2gUaz3aosgzeR4PsPV9hEvlFZ5y3eo0s8YKxfsUvNV/ElGuPboJues5hV7XsuYPo0B0Ge"
    "zYw2hyIjwltA0RYgI+bwaA9NRqRPA4/JnRWSEOZBaqSTN6QRv4VaOopZEfAVK3xF3bjFHp"
    "e3mEpIOG+H2LuPTO6AXUZIplk7bbTOi0I5e4bqMkGhmWmhbawuM/tygbor4pNcXby9mSpS"
    "98U2De3xnYs2lWWCsqcbrWWHDVR1OhJyOJ+pTcy0z2m1ZWWAaHry1QelPUaBmbeT/V497M"
    "UGd5CtOCggOLk8CKcSEmJ8uGrl2q0aXLtVDcbqH7RhLj/SqZyEeA+wLiMPq/fY9Sp96Yal"
    "uSAnIdj9t1TZGCbm2sGXCMDWvX2aRWyxdocrrLt64DMiAD306YD4IjTmADUvHNcml6zhMJ"
    "syXnJi8u36HyKziEJGngvd2Gx4Xlwlwb1eX4KhPvbbKwHT2DmUEuyih1QUNMGnCUGqBZxh"
    "19C2i6rCleGZZWPRynSMMMTyc2GV9wyM1vPFHfxluV3l1atXbbi2V6/quTZ6rsADkYeKA+"
    "FouIToHrZiMg8bmMzDiupNtuXjqkT7Bqc4FQGneE4vs2//A0mzNVo="
)
