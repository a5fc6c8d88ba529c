"""Migration 20_20261205220500_reserve_for_sharer: written by hand (no model changed; the models' state is 19's)."""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

UPGRADE = {
    "sqlite": "",
    "postgres": """
-- store/campaigns.py `reserve_for_sharer_and_pool`: an attributed order's reward counted towards its sharer's
-- total within the per-user limit and, when it was, taken from a slice of the pool no other transaction holds
-- (migration 19's campaign_take_from_slice), in one round trip; the sharer's row is locked first, then the
-- slice, as everywhere. `sharer_took`: the sharer's limit had the room; `slice_no`: the slice it came from, NULL
-- when the sharer's limit refused or no slice had the room (the caller then goes through the central row).
CREATE OR REPLACE FUNCTION "campaign_reserve_for_sharer"(campaign text, sharer text, amount bigint,
                                                         user_limit bigint, cap bigint,
                                                         OUT sharer_took boolean, OUT slice_no integer)
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "campaign_sharers" s
       SET "reserved_fen" = s."reserved_fen" + amount
     WHERE s."campaign_id" = campaign AND s."consumer_id" = sharer
       AND s."reserved_fen" <= user_limit - amount - s."committed_fen";
    sharer_took := FOUND;
    IF sharer_took THEN
        slice_no := "campaign_take_from_slice"(campaign, amount, cap);
    END IF;
END;
$$;
-- The same, all or nothing, for an order that writes its rows in the same statement: the slice, or an error
-- (SQLSTATE XP001) that takes the whole statement back when the sharer's limit or every free slice is short, or
-- when another transaction holds the sharer's row. It never waits: the statement may already hold the order's
-- new keys, which a transaction holding the sharer's row may be waiting for (the same order sent twice); the
-- caller then reserves step by step in a transaction, the sharer's row first.
CREATE OR REPLACE FUNCTION "campaign_reserve_in_full"(campaign text, sharer text, amount bigint,
                                                      user_limit bigint, cap bigint)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    found_slice integer;
BEGIN
    UPDATE "campaign_sharers" s
       SET "reserved_fen" = s."reserved_fen" + amount
     WHERE s."id" = (SELECT f."id" FROM "campaign_sharers" f
                      WHERE f."campaign_id" = campaign AND f."consumer_id" = sharer
                      FOR UPDATE SKIP LOCKED)
       AND s."reserved_fen" <= user_limit - amount - s."committed_fen";
    IF FOUND THEN
        found_slice := "campaign_take_from_slice"(campaign, amount, cap);
    END IF;
    IF found_slice IS NULL THEN
        RAISE EXCEPTION 'not reserved in full' USING ERRCODE = 'XP001';
    END IF;
    RETURN found_slice;
END;
$$;""",
}

DOWNGRADE = {
    "sqlite": "",
    "postgres": """
DROP FUNCTION IF EXISTS "campaign_reserve_in_full"(text, text, bigint, bigint, bigint);
DROP FUNCTION IF EXISTS "campaign_reserve_for_sharer"(text, text, bigint, bigint, bigint);""",
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return UPGRADE[db.schema_generator.DIALECT]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return DOWNGRADE[db.schema_generator.DIALECT]


MODELS_STATE = (
    "eJztXWtz2ziy/SssfZlMlSZly47jO7O1VU7i7HrzcMr27N3amS0GIiGLY4rk8GHHtTf//Q"
    "Lg+2mC4gOE+0tikWhSOg2C3acb3f9d7Gwdm97LM8f4gB8XPyv/XVhoh8kfhTNLZYEcJz1O"
    "D/hobbKhyDHUO/zIDqK157tI88nxDTI9TA7p2NNcw/EN2yJHrcA06UFbIwMN6zY9FFjGnw"
    "FWffsW+1vskhO//YccNiwdf8Ne/NG5UzcGNvXclzV0em92XPUfHXbsjXF7Yfnv2Vh6w7Wq"
    "2Waws9LxzqO/ta1EwLB8evQWW9hFPqZ38N2A/gL6BaMfG/+o8MumQ8JvmZHR8QYFpp/5xW"
    "s1PbZQ1c+XN+r1+Y2qLjgw0myL4ku+qscAuKVf4af/Wa2Ojl6vDo5OTl8dv3796vTglIxl"
    "37d86vX38MukaIWXYphd/O3i8w39QjZRYqhdeuA7k0E+CqWYMlL0ie7VKg283SK3Gv9Uoq"
    "AD8uOKOogRF1cJO/RNNbF162/Jx6NVA77/PLt6+/ezqxdHqx/zIH+OzqzYKQp3Ht4t8ra8"
    "AMcy0kF8ctwC4pPjWojpqTzErk3GVMJ7bgU7BvEF+ULI0nAJ6li2H5jjAynO6TLaHeiFhk"
    "wTu0r8Xaef1AQAbPLM6ESgE87RZB0Y5o7zeXVw0AJeMqoWX3YuD7CDXP+RB+BEQD6A+18w"
    "HOx65BvxwJtIyIfvIBNYczGFQ0V+GeZ35Ixv7HA11HnJAtx6JPoy/kOcVbo9+uQH6peW+R"
    "hNjAbwby4+nV/fnH36Qm+387w/TYbf2c05PbNiRx8LR1+cFPSUXET534ubvyv0o/Lvy8/n"
    "DF7b829ddsd03M2/F/Q7ocC3Vct+UJGesRjiozFqOa3jb45BrtZB63nJHrQu2CM3EyXHmD"
    "Rq2cX39l2nZzsvCVoWTcvURd/cZdxEemCNtLsH5Opq7kzWVrnFqoc9j4DlVXjykfj7D1fY"
    "RAzRsu4jvuILudR1eKUZLuzf4+keH40XeIqivbLrcC2f2q12xSPIItjo0b3pnSLI3mHNoH"
    "hdYc1287xK9YhlExmkR2MFY4N+/fXiHQcXFASG/pLKDOMqL/6yCSyNYqCwO9F/jv+6GH9N"
    "CR23cJHIPv7spzezPo5tGhov8ZMTGspjlomZiAC7J96DwelwlCTlw/u0jd9xWu92nJa9Dt"
    "vyseVzE25FOZHZIGEmN/JUe8NrASZCEjp2c7f+ssrdkPd+hTH3j+vLz9WKTQSKijU0X/k/"
    "xTS8Unxm3iqlUOS0GT8rLz6d/av4GL39ePmmqCZ6gTeFZ8oOfCfgAz4jAtDvAf3GcHGFNd"
    "Qw42MBgH0P2L1g/QfWKpiE+rd1RkQ+o2h13IqNPW5gY4+BjX22bCwHgzMkK/Gero1XAfvJ"
    "JUIiPblsw0WoLhnajpBYXFpYce0HxaHhUiKmIMVltAfWlfh6Clu4CYRbrLBJp6zxlvyRDi"
    "AT0zWwpyBykA5WNDsg0+XlojCjRrjd00TKb3m3nH6N6M/Q1v4P5N0ImXeTTG8+wqsg1ifz"
    "Ne1rcB+eaw68llS+f2aVaQtyRgQgBnrl+dErgphm15gmk1XZZdGZRqPMY2MmDA+FX4Bz7c"
    "kJQUZlzdpTb6toW2RZfBl/GZHRnPTkz1nBnsLsG+Hj1xbjePx479MFAQiZ4+B7eNIC38Pi"
    "Kp7iS0/l8f0zQKaxeSRfQSV3tTzEgrgVbGutC9Rwhaf9or6UcDAU/KFftDo8fn18enRynL"
    "hDyZEmLyj2eIB1AtapVd6Qt8VmhYHLky90TS9x4ePdDKdAbbZQ8Y2g0lfpLd4zteqGXOkt"
    "u5BMWA1qKCeTq8pWzs68BnOZDlMNMm4Ak/m3yK6lV/bugpDpgw13ohN/VFUcRl40HDiTFg"
    "a0FziOafC7h3kx+bZ49I+0RpC4tV2uPUpZGZjObdIHXUPD6gZXZA42Ldc5sfHcEkkWboEi"
    "NIKtKf1EaMArrJ/mcnmFuTezILTt1Boe4I1Rcr6LqJchf2+72Li1PuBHBnx2d3yNo51caG"
    "aA13mO5LCLHhLfKD/VyO8nvxr74fQ8u3579u588X2acE3Gb69wQ/Nefb0fWuQRxNnaA37n"
    "WH7nxrV3Km+IISck4RLcf5CBvAS54zg2QMwD8eSGuWiA92OZ81vk0lriM7G8W23lAdMbTG"
    "8wvRf8pvelq1cnSoUnGg1umgM+ZZoUuz/nM5+VkS5J6vCkzb4aMqrBDjl4Kk9K3KV2/tlp"
    "Kcrr4JEb5KwMvM7axB6Q0YWjzYiBWSi0Wbi2df7KpDkheI7ahKR95AcVuTsN74NEYsS8Tv"
    "rcLkaBeNUG4lU9xKsyxFvDcTpFlPKSUI9M5PXKxRomCFB/YmO4u47156qvAZoXWfNp0nVF"
    "+MC2TYysp7K1K5S8JpJDLafJkXE1++by8mNOqW8uClGCz79+enNO3BymTTLI8GtyHzKJ7h"
    "3Z1vorQEYEZEQ8z4yITnny+B5bVSWBeLK/GWN1Ti80w0nQKlM+ybHeEyTZdhMMTpCGs6qO"
    "JU3m3BNUqZrO8mkIU3Z/TlIpKwOEaRfClMHFgXg8XkLqoX+/GOK5UrpDaEfLA/GnheflOu"
    "WFC2Z+T5MWPuL+HdHwHjqwA5T0GDCDv1kPvVz+Zq60rBAZAVPrdxgTtyEPyI5zRfZMA0py"
    "TmaGeNssoOxUEy4JqG4XeI4xeMrDHWwXeDLFYBO4YEYjbAKHrclyggxbkyf1Qf8MkOUbVS"
    "1Cm0pXJSIyId9buSooHjF6mQ4Kibp2OGZxlahEVFb/k7krW1hzAYmwHnnJdvEmIL9X51dF"
    "UVKaSoMjawAYEGBAgAHhZkDe2rudwXqyfjQsvKigQQojlk1ciJaMVU0yGKoRPFMChCpfvc"
    "NcXnpWRrp8i6NVm6WYjKpditm5ghkIG9JG8GdENSykSB4CznSEGXxHfhcPtvH4EXcoecjE"
    "i3Em76rN3F3VT93VHDaBTbg49I7vhClRwq0U05Ab3EQe8HeN/F3ULYurE3BWZvyetIu/bA"
    "KLtcNQ1oFh+oblvaT3++tQi3YDnoN0qoWqU4PsfjJt7U7ViQ/Pn45WEIVdnCKnLVNldUo6"
    "zAmCjkXWsYuRZ1fYYA1dIROJEV2JcdyI1UGrTt4HDZ28D6CTN+TuUivB0TtqPS8JWhdF6x"
    "XLaWlLK+UA8K5uW2Jj8L4gKZGHNYJj2xDLTIDtIZ55nb3WvHTRNqRZnIe5sOYVeT6uLt7e"
    "TBXXTPGvCGnmlNPQ3yseNmB7r/gZxq5h65DfLc46sWwIb0LgbTFGFnL4THBAnEpIGBdqms"
    "Yxvq9r4X1drmTvI5OfVM+JAafemVNn2Q4aDVBw0Op5IZnQ741ad2zT0B7Ve+x6Bh9ZUZaU"
    "cBE5bcNanNaTFqfAWUjvvfZa3ypJAyy8YjgqN5UTEOXwpwat3vQOE40b/if7vtYLKg5ZNv"
    "lCejhY3UWj27lEizPHwZb+k00eAiW6hGJi/Ra7vyjEFVLWyKR+tGJ47KMX7BR7w/5MbvRy"
    "UUC5t4vukV4aX4jTByiIQZpjfZpjg/c13VauZ+aBiZ84BmlNEjkBo+/ZmkM8c7QZPkhEE4"
    "o+jbJQT569JKbJvWfyEpRYlDSPRaP7Mzq2GMiKypev9HwpiyGd8S+urQdapRMen1o2Od9O"
    "OKitz63Ers4PHksKJgr/RWHe8lf6EetflfiK1DFGlkKuZ9zjRE7RyLE1+bzF5j3WFdtV/g"
    "xsIljhiw98s+rQaSRKB0BZLMEMbCiLNYEBCGWxoCyW7P56prgA/46kamGZtNFfdSEB9zNK"
    "xfxtkGESH4Lu6OLaAlaUg21gOdcDtoEJy6S4eINdbGl88z0vJcZsp7eVZrbDzoP6d8A8iZ"
    "BWOw+Ejp/O3mNo2mCQ4S323V+QudTMQG+9vyA/4USqmnaF7w38UNscLXt62UTsuWwgT3u0"
    "bPLLz4prP3gKcnFIuJHLuEqUVae8eNjaS+Vhiy36L/KXCi0z6ZK/DW2rhMmOSpTs+GNjjk"
    "3Pt4GibkL72/X0HaKPo8aS9ThfHWVJ+bJvBimKRVYCu+Jt0YB0LACv5xaEHkNLdW2Tq01h"
    "XkpCoA9PWs3kholcATRnNn4qISHA/XeDrMtlusHfautOS1Sbock7O//XTbPjnDhnHy8//y"
    "0eXvSmCzUhiUXjGjofnZETEoPNkIq7g60/I2/9gfwoafKjBEmUSViNqk37GcajYc9+NGrC"
    "0uMi8WsC7Q3py3xvqDqOb5Gpsk8cuOelJFz4B0nsDjxN40E5Hi/dtD5qEx4+qg8PH5XCw5"
    "h18lJ5N98UxGScyL27TVEKlMFnyOelxrfkp7FjBrHZ55FrsghTVodylAZnX2ZA3E5Kdw3B"
    "3DqOSxz+LrH1gih4S8J5S/mMoXBjPA3Y6vRHczxeVbIjrmq3tq3PdU1jUcaoc55nRKFyrg"
    "yWqgvIt6FHpkctfkzUjll6dfKw77Eia6VNcZfsvqRCVJ6jvktmC9Q832PjVnaJebCz1DZb"
    "NNBl2WHLNsyZmjH6JmTRxDNaBSIdejRZgU4DOk2kPBrg02bMp9HKHTxMWjweOLQ9ODSosT"
    "JKspiIVGVpmV7QrF3q4oSZxXP17mmdjd2O/JTEbm2LeVlSwsk9BOCO7VYwlU2bs2IJWLxh"
    "w+EoCuDYcAi5YCPngnnBemf43TYTFmUh4iE0DUvXnm7ls/KSQLaLpmVBsgDfGZ4TsH1+5Z"
    "rV0allY63qcNCE5GX0DTiJy7wUkJZdSEtano838zIrIx+hNkh6A5TyGo5nmC59+OnX6fzT"
    "h7PJfx4OAeKAOSck4XzunxOGOucT101jbQx5ectB5/d0q8gAOy/JLK1YqGundTJ+vBl9OO"
    "x07q3wnI6RzlqcdfEsc6KjuJZjzuK5e5a5zbMPWFfXXKVKMyIj5kdatjXbnG8ICo5iQ9oO"
    "waMLFZYTBMJTuAVLLCrs2sfOop4OY6eXLSgx1SMjO7Ru2xqeb7uPPytkRaTVoBQHuwqrWq"
    "WwbDusL5UHw9+yJmtxbIp8QOS8adLVWzH85kZu/d1iD96O3Y/T8c7KSMfZrV61eTORUfUW"
    "86uTpzg7cdhSkVyVQXg7HNek45rdkpoD/acaQr2uoctI2a56h7l8h5yQBLWOBi+KBlVdZD"
    "Fic0XnXXunclOBeSkJF6n+CUGiA26YszIAshys6/BxhN6IV3xv6LhyD219/mdWZq8M0Pnk"
    "8AySADp65cb54D1I6Ua82eDKLasNUz0VEaNso1RNKCADepAMaAgAjOItQTNZ6XqoiN5Mlm"
    "1QOKMVqWo3/5fGLBvby4ZbHlAyfMLMWWjxMGmLh2QK8NZcKApKFwnp/9UBb+hRYA6td+Me"
    "q5TM4n1Jl6XH4Tkhuagbzclb5UHi8g4DxF8CAhJffCuRkBHgVasI7aohQrsqRWh32POI4c"
    "dDCGVEpEB5bEoo6mXWwYXLS0IETOhXQ1JXlS/3tCAmA+c6wjKm0faVptntqSrIyseMyPRY"
    "pdrie66KcvBgtXqwosIUlf55E1GSl5MpDDoCZ1Ki/kr6KCuDu6VvSNr9M73ezNTxPZ5yT/"
    "T1zc/EXFvfK7IaXV28vZmqr2+ogi+uTRZJZC5qmdVkxLIFr+pEg9vmXSvaFlm3mCVCOwQr"
    "21KQd+cpG9tVXiCFpkljPe6pq/i24gS+Ylj0vIZ//EVBim5sNtilqdOxfGjDeIrhR1nUaF"
    "HQ6Vj3/d0KC3SRA8jSw47C/hZbikFHKRGRSLO9yW1d/AeNvNLMbuVmi5XQnVR26JFdTSfz"
    "igo9bA0Tsz+Q4XvQZVj05XTZQEHHTwsnAV0QA/p5jryoYNacTFY6UHfDm+YhYuofgV7F3z"
    "2FdConId79L1/Ak47Ok0IhiWFLsNKKvZhrjc7KAH/SapEOIVMjJ4Rn+ShLygD52ItINGW7"
    "JczlRMHgFNrghFSiEUuZQQTzOTxTwP0D9y+mOqTh/mMV1FL/GR09yfxHvxbSqZ8pl02+lE"
    "+Lw/Am+RblwAJ60gIivxqbPBgnAtKB239zh2g58zBX6Zi8lBSMW4GfaNUJ8LChE+BhuRPg"
    "xjAx1+7URAD68OyxCxXiI5DaLCHbBsRAJ1XMgRjg2I5axcrt27S7YofpPCdAuXt3zvTJJm"
    "/tC1c2bUxGsLwt0snEdYN9Z9c1u9BVINW0GpK8CAF7F+XfaXhRwV+UxixbUBiRSvVEqmUW"
    "46WFiel5nyvVipXwaoqGLN2grw4FWd4DpmmFSeqg+RhlChq+p+xsCz8qYa4RSzXEVrmK7L"
    "C3AvJlpuRLNIE50wizQvJlLQxQLTJMAuzQaLMsKYWFPzQXgzzV3vAa84kQ2PHC2fE58gdx"
    "liZLBID82Yf8YUsRD+6pBAC/B/CJdcaDfU4I4N8Dfmbz0hAsNaF4+7NVCENmAaf1KmgdOd"
    "FUItMr3g3483dSGXjC+srdcYM+8nZkJKqWhZyddPYJla+TQl/LdUV6aUtyxbxlqz26Ca8U"
    "b4jF98gMqPaVNfYMHTMWiu6ljbfIkg8hT0UuvtkY2i8KWVYcgj72FAuTy0QbcCv6JA1+O2"
    "C5BF7Flg0sF8Sth49bk5eA2y2ImpcEy0xoy8zzbcfpqOasJOxLEVnLkEMvlh0OOfQj59Bn"
    "+y7mgrr7huvzkWVJwB80av8G6bf4jF5nUeHDZM42OjFrOk5FdGBL94WW0nEDE3s/RFFxVu"
    "MHKaxL0s/Mk2AXXbLIOHE0DN3wH2lRH8PWWdmeXBPWNd4SrVV2eB3sTr9bv1tnCpmY5JLs"
    "p7MLs8A/QVHZYZd6N77iBbQUESYAkJOGxzwkWrGE3c9+sJSv7KasislXcrbOG/ptEV8yeu"
    "5SscV/2rpK7Ity9jnJyvTZ5ORp3ynTeYbdif5zPEXbmSe7ntS7R2yeceYAZGWk2xwwRCGO"
    "3HPRFuWCmIS+6AAdAxBnZZlEQEJ4+6/AcWvbZEWvLCD/xrZNjKxqlHNyBaTXRHCGUDdZ+Z"
    "eXH3PO3puLYiL6r5/enBPsGfRkkOHXBL3i972qo8cKE7TeFyvKyeSO9dbVMWOhlKBt5jPy"
    "kkBbiU1oMGUFlm9U7H9so+dEFDqbiKznxJPpxFAWhYGknImu+YqqlwRlKFE1tFkNHUgH6U"
    "CaL4LBM4vLkhL6L/2nhlOijUxGrgTirAzkUu6RSwmp25PAPmnr+mcP/jfHRFYSHGqNf14M"
    "VLDP1gUaHuDvaZWTkvDlCt1aZwozFKyohx7aqQ8Vg7+iIb9FXQw+PLt8OgbPIoetU4gdZG"
    "HzB0+hdf+J3hV7w6LTSeg67rnz41KxHTJVdYVcHYdBbg2ZJnZ/CEPY7LYKcTcXhXk02E32"
    "SBeGiOxAa2h9EFzsCO38kU+RDh+hDi+vnKCE766ZvKtakbORrvgs7pwQWIItniXaPCSoYF"
    "Sa240EVZTKgAAzxS5Ggbj/hAfwacCnAZ9GPp/mCzX6rzVi1i+q6pinZ1v4NMyBUD06nKP0"
    "F+tlRj2HezIbTVNh8sqLg59oxVu6RZE6Icys/4W5Gmw8bQFKP8RdjZQ7THuDIl/Bls9Kd1"
    "WlGA9/u8p04KxPwi6nEvH2qcCwa3LKXZNiOKFy+0LpQ8EBck4IjIvWMLNP3DjHUvIliRyu"
    "TlvtAz5t2Ad8WvJI4ndmyzTVZDykp1akp3bowAet9/YqBg7u3igrcmQ9dnD38pISunszce"
    "9qaUBB/Lu3aOcg47ay8k1ybtnk22nRqAlbU8VfgdMML4hBOIg7HLSmtp/PX/AvLyeTTTN6"
    "rT8Pu/dknedWQVFyPCUcSKUBakgavt9FBSVR0EFHHQAr/kxY8ZwPbRpal8cuLwfP3B61d6"
    "a1Wb/YtnlNldlkvKaDWlmxqkPGq2yKtM6+YqNpOhRS4sv84Cn0Qj8rrm3vyFH6pg2LhbBs"
    "KOKducgkJx+iHKmvqUX0dZkUK3FxUomlkIs19C1/t2L7gJ1J3lRxwZP6YEbBqGZflDzCEM"
    "4Q5zFusuhFcqWmfnUOnZUSPxolnJtfXZGITF5Tb0zw3BzS+dsEOW+UvHk6eKIZKUAeeIB5"
    "agB4APBJiAF0hetqMBZGtPNGMh5Ay1qMTCDem4F8oqZ1QA132tfDramq+LTMHuQ8uwinOZ"
    "mVkY6WPzxpVVj8pKGw+MnBU8y82Hb8/GMiuU61LlbpHmNOrEuC8qHd41QvAM67ouSEwD1t"
    "uWmCKxEsEZAQ3v43TKCdHVgdPNW8HFiKXf0l8su9TtZ6SRR00NVj0rnWl3i8DPl6+dXluE"
    "2G6XF9gulxKb80qsXEA29GRD6EB6iQhZFXVaumPuU0lRhxT+FiIHjHTjidX0GyTM37dWCY"
    "vmF5L+n9pih7P0i9oEzRQi61FOVANb2rBhJi6t8L8ibEBI7eUet5SdC6KFqvyB6Pvv20YW"
    "TRbL0eosiCxRGuGV+1aIgjRCOWreIIIf3FseuaIhzsWMmmKAYR732Or7lUqlOElkn7JAe7"
    "PwVkCHmX7+q2Ww90nzapSfGt6UfIThKIIphrVEMq+jf7dPBAnRcDqFtADckb01ORkLzxjJ"
    "M3mCn1kRIOFfZWerLR1EqjuRNuhBQtFg1ZF2CfPEv7RKoEF0xr9/IuKFkhmNBtYL6rKlFZ"
    "T6PH46HnwR5EOdQxGWexhniEZMy04GUrzwLd8M8t331cVJj0mbONNj2i41TTvp3Ooge+cU"
    "q+kX+9GnOdgvan3aquRxl8vPlROSl47bd47d/hR06QU4mBctCmc8yOVi3gPVrVwktPleEl"
    "vxxXNGtuRjgRki/Rb3XQhuYho2pxZueK+1pNrkzVeLx88PY/iXfEJLI5m8nEEhIuwm0yge"
    "sTgct5wHbAt4kjEZCPGRtmacCeHbgad7J1Xky+hWIQsMMuYtzk+r5M5PMDer6pvRJxk3Vd"
    "i+rT+uqaFj3f2jCC0FFfyOFr7HkhAhVtVNLTyyZCyiEDVS8cOWGYGUipKUmpSP/cYYuinH"
    "Qh/v4JDORixANxPF5Cx6R/zw+CQl1MjdmxrfibY5DLdelhkJMENYutZgJht0YVep9PsmC+"
    "mkwaRo6h1jH6jRUrcnIyuSZTZMiW9FFWxnvbxcat9QE/MoVckK+OLK2K1Yvj4Y7xIbzQzP"
    "TwPZ5r8dF0BXDRQ+K5FKYgAYD8bOyHxtzZ9duzd+eL79N4hh/t22uMzEWFVxifWjZ5hKZ9"
    "SxxCZA7gDf62uCNqZbPGxfeh2wD7pIRZGZYNLmKsuNZBwVjR4Lc87bc42DVsXSWLqstt7R"
    "RlweIR2eKJtIWrHqZWesaVjxW4LmKpWaMV1Th49mS8TLZsbyXYXduuALMp4mx3b8MpHJgD"
    "E5KpJcaBcE4IYG4BMy/CQKm3hhZYX2nfqRzB1mwCjWa7VVkGbyLB9x+usIl8o7J0XrxHl3"
    "jAWL9il5qv4ks0xvdBNz1nMava91zA9GkOgjybGW0ORUaEt4CiLUBGzOHRHpqMSJ8GHpM7"
    "KyQhzIOUnSdvSCN+C7V0FLMi4CtW+Iq6cYs9Lm8xlZBw3g6xdx+Z3AG7jJBMs3baaJ0XhX"
    "L2DNVlgkIz00LbWF1m9uUCdVfEJ7m6eHszVaTui20a2uM7F20qywRlTzdayw4bqOp0JORw"
    "PlObmGmf02rLygDR9OSrD0p7jAIz+58D4Xi8hOAOshUHBQQnlwfhVEJCjA9XrVy7VYNrt6"
    "rBWP2DNgHmRzqVkxDvAdZl5GH1HrtepS/dsDQX5CQEu/8uNRvDxFw7+BIB2Lq3T/+NLdbu"
    "cIV1Vw98RgSgh9YnEF+EXieg5oXj2uSSNRxmU8ZLTky+Xf9DZBZRyMhzoRubDc+LqyS41+"
    "tLMNTHfnslYBo7h1KCXfSQioIm+DQhSLWAM+wa2nZRVbgyPLNsLFqZjhGGWH4urPKegdF6"
    "vriDvyy3q7x69aoN1/bqVT3XRs8VeCDyUHEgHA2XEN3DVkzmYQOTeVhRvcm2fFyVaN/gFK"
    "ci4BTP6WX2/f8BH58MlQ=="
)
