"""Migration 12: the database refuses a sale commission above what is left of its line (price x quantity less
refunds), whoever writes it; the service refuses it first (409 commission_exceeds_line). Written by hand: no model
changes, so the models' state is the previous migration's."""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

UPGRADE = {
    "sqlite": """
        CREATE TRIGGER IF NOT EXISTS "commission_within_line_insert" BEFORE INSERT ON "commission_lines"
WHEN NEW."kind" = 'sale' AND NEW."amount_fen" > (SELECT "price_fen" * "quantity" - "refunded_fen" FROM "order_items"
    WHERE "order_id" = NEW."order_id" AND "sku" = NEW."sku")
BEGIN SELECT RAISE(ABORT, 'commission_exceeds_line: a sale commission above what is left of its line'); END;
CREATE TRIGGER IF NOT EXISTS "commission_within_line_update" BEFORE UPDATE OF "amount_fen" ON "commission_lines"
WHEN NEW."kind" = 'sale' AND NEW."amount_fen" > (SELECT "price_fen" * "quantity" - "refunded_fen" FROM "order_items"
    WHERE "order_id" = NEW."order_id" AND "sku" = NEW."sku")
BEGIN SELECT RAISE(ABORT, 'commission_exceeds_line: a sale commission above what is left of its line'); END;""",
    "postgres": """
        CREATE OR REPLACE FUNCTION "commission_within_line"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW."kind" = 'sale' AND NEW."amount_fen" > (SELECT "price_fen" * "quantity" - "refunded_fen"
            FROM "order_items" WHERE "order_id" = NEW."order_id" AND "sku" = NEW."sku") THEN
        RAISE EXCEPTION 'commission_exceeds_line: a sale commission above what is left of its line'
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END; $$;
CREATE TRIGGER "commission_within_line" BEFORE INSERT OR UPDATE OF "amount_fen" ON "commission_lines"
FOR EACH ROW EXECUTE FUNCTION "commission_within_line"();""",
}

DOWNGRADE = {
    "sqlite": """
        DROP TRIGGER IF EXISTS "commission_within_line_insert";
DROP TRIGGER IF EXISTS "commission_within_line_update";""",
    "postgres": """
        DROP TRIGGER IF EXISTS "commission_within_line" ON "commission_lines";
DROP FUNCTION IF EXISTS "commission_within_line"();""",
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return UPGRADE[db.schema_generator.DIALECT]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return DOWNGRADE[db.schema_generator.DIALECT]


MODELS_STATE = (
    "eJztXWlz2zi2/Sssfel0lTply07i7p6aKjtxZvyyOGW7501NTxebIiEJY4pkuNhRzct/fw"
    "C4iOBmguIK3y8ui8QlpXNB8N5zF/x3trUNZHovzx38Ae1mvyj/nVnaFpF/MmfmykxznP1x"
    "esDXliYbqjlYvUc7dlBber6r6T45vtJMD5FDBvJ0Fzs+ti1y1ApMkx60dTIQW+v9ocDCXw"
    "Ok+vYa+RvkkhO//0EOY8tA35AXf3Tu1RVGpsF9WWzQe7Pjqr9z2LELvL6y/PdsLL3hUtVt"
    "M9ha+/HOzt/YViKALZ8eXSMLuZqP6B18N6C/gH7B6MfGPyr8svsh4bdMyRhopQWmn/rFS3"
    "V/bKaqn6/v1NvLO1WdCWCk2xbFl3xVjwGwpl/hp58Xi5OTN4ujk9dnr07fvHl1dnRGxrLv"
    "mz/15nv4ZfZohZdimF397erzHf1CNlFiqF164DuT0XwtlGLK2KNPdK8WaeDtRnOL8d9LZH"
    "RAflxWBzHi41XCVvummsha+xvy8WRRge8/zm/e/v385sXJ4kce5M/RmQU7ReHm4d1o3kYU"
    "4FhGOohfn9aA+PVpKcT0FA+xa5MxhfBeWsGWQXxFvpBm6SgHdSzbDszxgT3O+2W0OdAzXT"
    "NN5Crxdx1+UhMAkCkyoxOBRjhHk7VjmBvO58XRUQ14yahSfNk5HmBHc/2dCMCJgHwAt79g"
    "OMj1yDcSgTeRkA/fTiaw7iIKh6r5eZjfkTM+3qJiqHnJDNxGJPoy/mc8q3R99MkPNK4tcx"
    "dNjArw764+Xd7enX/6Qm+39byvJsPv/O6Snlmwo7vM0RevM3pKLqL879Xd3xX6UfnX9edL"
    "Bq/t+WuX3XE/7u5fM/qdtMC3Vct+VDUjZTHER2PUOK2jbw4mV2ugdV6yBa2P7JGbiJJjTC"
    "q17KIH+77Rs81LgpbHpmXqoq/uU24iPbDU9PtHzTVU7kzaVlkj1UOeR8DyCjz5SPz9hxtk"
    "agzRvO4jvuILudRteKUJLuzf4+keH40XeIqivbDLcM2f2i622SOaRbAxonvTO0WQvUM6pn"
    "jdIN12eV6leMS8igwyorEjY4N+++3qnQAXFATYeEllunGVZ39ZBZZOMVDYneif07/O+l9T"
    "QsctXCTSjz/76dWsj2ObWBclfjihrjxmmZiJCLAH4j1gQYcjJykf3md1/I6zcrfjLO912J"
    "aPLF+YcMvKjZkNGs3k1jzVXolagImQhI7d1K2/tHJX5L1fYMz9z+3152LFJgJZxWLdV/5P"
    "MbGXi89MW6UUCk6b8bPy4tP5P7OP0duP1xdZNdELXGSeKTvwnUAM+JQIQH8A9CvsogJrqG"
    "LGxwIA+wGwe8HyP0gvYBLK39YpEfmMouPFWY0XNRlV+qZm54CNfZ5srACD0yUr8Z6ujTcB"
    "+8k5QmJ/cl6Hi1BdMrQeITG7tpDi2o+KQ8OlREzRFJfRHshQ4uspbOEmEG6QwiadskQb8s"
    "9+AJmYLkaeopGDdLCi2wGZLi9nmRnVw+2eJlJ+591y+jWif0Nb+w/Iuxll3k0yvcUIr4xY"
    "m8zXsK/BQ3iuKfBaUvn+qVWmLsgpEYAY6JXnR6+MxDS7RTSZrMgui85UGmUeGzNgeCj8Ao"
    "JrDycEGZUla0+5raJvNMsSy/hLifTmpCf/Tgr2Pcw+Dh+/uhjH4/t7n84IQJrZD77Hr+sQ"
    "IdlVPMWDvM7i+zXQTLzaka+gkrtansaCuAVsa6kLVHGFp/2itpRw1BX8oV+0OD59c3p28v"
    "o0cYeSI1VeUOzxAOsErFOtvCFvg8wCA1ckX+iWXuLKR9sJToHSbKHsG0Glr9I1OjC16o5c"
    "6S27kExYdWooJ5OryFZOz7wKc5kOUzEZ14HJ/Htk19Ire/dByPRBwd3YiT+qKgEjLxoOnE"
    "kNA9oLHMfE4u4hLyZfiUf7SOsEibXtCtUopWVgOtdJH3SxjtQVKsgcrFquObH+3BJJFu4R"
    "RWhGtqa0E6EBr7B8msvlFXJv5pHQtkNruIM3Rs75zqKeh/y97SK8tj6gHQM+XR1f4mgnF5"
    "oY4GWeIznsao+Jb8RPNfL7ya9Gfjg9z2/fnr+7nH0fJlyT8tsL3FDeqy/3Q7M8wnhKe8Dv"
    "7MvvXLn2VhUNMXBCEi7B7QcZyEtQOI5jA8QiEA9umI8N8HYsc3GLXFpLfCKWd61SHjC9wf"
    "QG03smbnpfu0ZxolR4otLgpjngQ6ZJsfsLPvNpGUiSKmFnK+I6o11np4/6HuVlsBMGOS0D"
    "77I6gQcNNyFoU2JgE47aJlzahnhbUk4InqM68Whf84OCxJ2K90Ei0WNSJ31uZ71AvKgD8a"
    "Ic4kUe4g12nEbhJF4SmpGNeb1ykY4IAtSZWGF327D5XPE1QPNj1vw+47ogdmDbJtKsp1K1"
    "C5S8JJJdLafJkX41e3F9/ZFT6sVVJkTw+bdPF5c3L46ZNskg7JckPqSy3BtSreVXgHQISI"
    "d4nukQjZLk0QOyivoBiaR+M7rqkl5ogpOgVpp8kmB9IEiylRJ0zo6Gs6qMIk3m3BM8qbqf"
    "5cOwpez+gqRSWgbYUmG2lGElAHc8XkLeoX2nGCK5UvpC2pY2BhJPCOflGmWEj8z2HiYhvM"
    "fKnbHh3XVUB/joPmAGZ7McermcTa6p7ChyAYbWb7/pP3acInJg9k+SajIxuOsm/6Tn2ehy"
    "f8qKvzmu4CnftrPi72SKQe33yCxGqP2GimQ5QYaK5EEd0K+BZvm4aGfQqo5ViYhMyLfWpQ"
    "p6RvTenYNCoi4dgVlcJCoRj9X+ZG5KFZZcQCKse16yXbQKyO81xFWRlZSmwWDPGgD6A+iP"
    "vuGeOv3x1t5uMduH9SO20KyAA8mMmFcRIXoyVjXJYOhA8EzZD6p89R4JuehpGenSLI5f19"
    "kCk4yqKI7PbYIJdWhdvfCmYFXIhDGwpZ1Be09+lwi28fgeq5I8zUSzfpbhRZ1VeFGx494U"
    "Cr+G3NOwbXwHzIQa3UoxDK0hTOEBc1fJ3EXbYwlt/ZuW6X8T2tlfVoHF9r9QlgE2fWx5L+"
    "n9/trVol2BZydb00KbqU4qnkxbv1cN4sCLZ6FlRKFyc8zZylRZjXINOUHQ8Zh17CLNswts"
    "sIptIBOJHl2JftyIxVEdNoeMKq/kOMqxOZCyW46+vCm7gWM01DovCVofi9YLltNcGSvlAN"
    "C2rBSxMmyfkZTIw+rBsa0IZCbAthDMvE1fa1q6qBvPzM5DLqZ5Q56Pm6u3d0MFNff4F8Qz"
    "OeVUbOgVD+twP6/4GUYutg3I7B7POjGviG1C1G3WR/5x+EwIQLyXkDAuVDWNY3zflML7Jt"
    "+63tdMcVKdEwNOvTGnzlIddBqgEKDVeSGZ0G+NWndsE+s79QG5HhYjK/KSEi4iZ3VYi7Ny"
    "0uIMOAvpvddWe1olOYCZV4xAt6Z89qEc/lSnHZveIaJx7H+yH0q9oOyQeZUvZISD1W00up"
    "5LNDt3HGQZP9nkIVCiSygmMtbI/VUhrpCy1EzqRyvYYx+9YKvYK/ZvcqOXswzKrV30gNzS"
    "+EKCPkBGTLocxx4a7w9XwfXM3K/xZ41BTpNEHkDvpVpTCGb2NsM7CWdCo6deFurBU5fGaW"
    "8fmLkEbRWlSWIRcFy7dMm+uLYR6IWuWHxqXuWCOeGgup6XEtu8P3gsNZRo+FeF+Ux/0o/I"
    "+FOJr0jdI81SyPXwA0rkFJ0cW5LPG2Q+IEOxXeVrYBPBAo+s45sVB9AiUToA2iKNzNKCtk"
    "gDWALQFgnaIsnuuKXqy8XrUoqFZdJGe91lRljVJhUFtNKwiQyV1vUIFQJl5aAYiPM9oBho"
    "tC61i1bIRZYuNt95qXHMdnpbaWY75J+XvwOmGcGvlX8+6kDa5D2GqjTzFG9xaJZ56lITA7"
    "12ljk/4cbUOOsGPWD0WLotVvr0vIrYc9lAkY2x0ikQvyiu/egpmotCwo1cxlWi3CrlxePG"
    "niuPG2TRv5o/V2ibQZf8j/WNEqa8KVHK24+VmRYt3wb6eo3a3y6n7zT6OOosZUvw1ZGXhD"
    "SMp+kmsgzYBa+KCphjAXg314VXdW1TaIM6XkpCoI9f16E7suZrulVdAdCCCdl7CQkBbn8f"
    "wLKMljv0rbTpsETl+VWu2eU/76q95sQz+3j9+W/x8KwrnekJSMwZFxtiXAYnNA4qQyriDq"
    "o/eq7+gCwZyJLJjT2scDumNIrqtlN0R0XZdjRqwNbTYyLXnlV5gInWmqmyTwK481ISLvyd"
    "pPcGnq6LoByPl25an9SJDZ+Ux4ZPcrFhxLZxUkVLMDJiMk7k1t2mKP8JixnyvFT/lvwwdk"
    "wnNvs0Ek1mYb5qV45S5+zLBFhbuXhFx3GJt98kqp4RBVdpdK4SnysUFkbTUK1Bf7TAs1Uk"
    "2+OStrZtY6oLGosvRnumeTgKkgvlrhRdABrQjvlRix8TtWF+Xpk8lL4V5KvUae6RrkjKxO"
    "MF+nukip+m+R7rt7NHTIKd7w2zWQVXlh42r0ObqSmLb0AKbXwW64gYByDSgEiTMX0GmLQJ"
    "M2m0c4MIhxaPB/bsAPYMemz0QueMkaTMLdMzmqxL/ZswoXiqrr2LaJkm+SmJ0VoX87ykhJ"
    "O7C8Ad2y2gKatqsmIJWLyhzrAXBQjUGUIWWM9ZYF6w3GK/WQ1hVhbCHaPmYOnaYzRSNC8J"
    "TPvYtDyS/L932HMCVt6Xb1gcnZpXNioOBw3IXEbfQJC15KWAsRRmLG3XEE64TMvIx6Z14A"
    "ZD767OoB0uZfjpF6lMc1jXPBQCJAAzJyThfG6fDYYO1wM3SmO714kylp3O7+FWkQ6qLcks"
    "LVioS6d1Mr6/GX3c7XRurdOcgTSD7WzVxKfkRHtxKvucxVP3KbmC2Ufi/C+FepOmRHpMi7"
    "Rsa7J53hAO7MWGtB2CRxMSjBMEqnN0C9a4SLBbHzmzciKMnZ7XIMNUj4xssGPXBnu+7e5+"
    "UciKSNs/KQ5yFdamSmFJdsiYK4/Y37C9teKoFPmgkfOmSVdvBfvV+3e1d4sDGDt2P0HHOy"
    "0jHVv3c50X08/lL6afXz/F1o2HJB2Tn9L+mwo9FO5n/8S8ltQQaD+9ELpzdd00ynbVeyTk"
    "NXBCEnQ26rxUEXq4yGK+cv3lXXurCpOAvJSEi1T7VCDRgTDMaRkAWQ6+tfsIQmuUK3rABi"
    "osmi3P+UzLHJT1OZ28nU6SPnvv0zgdvDtp1IhWK1RYo1ox1fci42jSKNV+E5D13EnWM1D/"
    "nXlLI2GFv7Ds9HPaiKi07Ds3Zl65pWiY764lwwdMm4S2/oO29U+mgGi1fVZQOjK8fcYFlu"
    "p+uG9mxuEHpFJWQ5Tkykv3Q3hBfkkzvku0xF/i2v4OiPiAgCQW6EgkZAR4UaeGjoyq2A80"
    "V0W3RZ5HDD8RZiAlIgXKfXMD0f5VDRJ5eEkIhYz61RDV8xZatlUuBi8nE5Pcg7eRc5pz+s"
    "grQ3gDxNDd/cf+ehNTx/d4yj2xCyI/E7lNEG/I43Fz9fZuqF0QeRWUUhIpHT3JR0S/FsiI"
    "Z0pGkC/l0+w6URc5KwdUxJM+MvnVyBTBOBGQL/uu/cYY0XrmIaEUPF5KCsM+4z7V6qJ4XN"
    "FF8TjfRXGFTbE9HBIB6GF0QDQPmAFgBoAZAGZgOsyAQDS3KD52aLfzggDtNCdAvu05V36+"
    "0QyiCzc4FLBbdqGbQCqkunTIQ8De4dUKuSxhr6g7fHbMvIZbHqnUSKRqlpRdW4hYUw9c/R"
    "ZSwqspOt2Tga6GimZ5j+S6hhLfwDd3UfEX9j1la1top4RROQVbygpZ+dKybm8FhMJECYVo"
    "AotlNnBC8nm7HRSShOHyBn0385JSGK2d777sqfZK1D5NhMA0HZ1pyvEZmmDWciIAfMYhfE"
    "ayz2Nd3PcSAPwBwCfWmQj2nBDAfwD8zOalYUVqQok2bSsQhmi5oPXKb4DgNmuynBGFV/yo"
    "X/FuIJ6TspeBJ6ytfBQ3aCMXRUaiap7JQ9nPvlHloOyhL+W6Ir3UJbli3rJGw6QUrxQ5sA"
    "p60MyAal9ZIg8biLFQtMMRJZNsV6cfQp6KXHy1wvqvCllWHII+8hQLkcso+kaz1qigeVLn"
    "twOWa8Sr2LyC5YJQbPehWPIScBtudMJJgmU2asvM823HaajmtCRsczJmLUNe+LjscMgL7z"
    "kvPN2PkQvqHhqu5yPLkoDfadT+QjPW6JxeZ1bgw6TOVjoxSzpO1ejAmu7LHXEV3MBE3g9R"
    "VJx6DIqmsAZKvzBPgl10ziLjxNHABvZ3tE0rtg0iYvCdWZdoQ7RW2Pa1szv92/q3da6QiU"
    "kuyX46uzAL/BMUlS1yqXfjK15AruUhAgA5iT3mIdHaXnY/+9FS/mQ3ZfW+f5KzZd7Q77P4"
    "ktFztxeb/VHXVWJfVLAFSlqmzf4nT/tOqaY07E70z+kQHWmebIhS7h6xeSaYA5CWgWqCJz"
    "MAMs9FXZQzYhL6oh30kKBLpQjIiYCE8LZf8L62bbKiF7YUuLBtE2lWMcqcXAbpJRGcINRV"
    "Vv719UfO2bu4yuZW//bp4pJgz6Ang7BfEvSK3/eqoe0KTNByXywrJ5M71lrDx5SFkoO2ms"
    "/gJYG2GjehwZQVWD4uqOmro+dEFHrdjFnPiSfTbMftjDCQlBPRtdjuWTlBGbrHdm1WQ3PS"
    "TpqT8o0dRGZxXlJC/6X91HBKtJHJKJRAnJaBXMoDcikhdXsQ2Aftav/swf/mmJqVBIdq48"
    "+LgQoOKV2g4QFhM5GXkvDlCv17Jwoz9GAoh578QOPaMnezpPR+Cg5v5EyOddtVFmW/YTsH"
    "lcXgb+J9hZ6KwbPIYe0UYkezkPmDp/wnMNZE74q9YtHpJHT9QlPoPqnox7kSbiGskKujMM"
    "ita6aJ3B/CEDa7rULczVlmHnV2kwPShSEi29EaWh4EH3eEdvrIwx7hz4qcjXQlZnFzQmAJ"
    "1niW6F6JQQGjUkF+JxI97gBLFTvrBeL2Ex7ApwGfBnwa+XyaL9Tov9WJWT8r6s29P1vDp2"
    "EOhOrR4QKtv6i7gajn8EBmo2kqTF55cfQTbeJKSxSpE8LM+l+Zq8HGK9hjH1z0gBHNFb5H"
    "O3JA8xVk+ax1V1GKcfe3K0wHTvsk7HJs9/HaqcBQNTlk1eQ4nFC5faH9QyEAMicExkVtmN"
    "knYZxjKfmSRI4XZ7XqgM8q6oDPch5J/M6smaaajIf01IL0VN3ebpFVYBKXN7hOicgwZauM"
    "3S76W4O718uKHFmPDdw9XlJCd28i7l0pDTgS/+6ttnU0vC7sfJOcm1f5dno0asDtluKvIG"
    "iGZ8QgHCQcDlpS288Xb/jHy8lk0/Te689D7gNZ54VVkJXsTwlHUmmAGpLY95uoICcKOmio"
    "A2DFgRUfwmq6QWUdNzIjallQqotEO28wgTgTR/PJXFgGtJEf7eLqlvTQeFrmAFOMXUTQDk"
    "vLgBEmbISNyfqVm4f2CJhIpenkgljnBAHtmmiLriWcEHBMNZNjhAj/REBCeNtPjNG2dmA1"
    "cJF5OfAMmvrH5Jd7jbyznCjooKmHbAitL/F4GeIy/OpyWieSeFoeSDzNxRGjmlsReFMi8i"
    "HcQSU00ryimsTy0OJeosfc0VlH8PYdWJxe4Xmqt+EywKaPLe8lvd8Q7Q07qQtNNacQUktW"
    "DlTTumqA+Cx/L8hFfKa1HjhGQ63zkqD1sWi9IEsg6Rg9Irr7lpErswq6Oxoxr0V3h1yNQC"
    "o4VXawZXWkEVUeJ2TH15wrcVyTdXxOImzzpKezg9yfAjKEvHi2ZTngHd2nMPk7Q8PGt6Yf"
    "IQN8RP7sVPl3qbjK9NMhAjUvBlDXgBoyS4bnzSCzZBQ7zAxjdDFT6iP1jgvsrf3JSlNrH3"
    "ccMDtzbFFTSA4A4+T5GSfTn+SpFQXRbkKiq0laCCZ0HZjvi5pmlBO+8XjowngApQuVVdBI"
    "AzhU+VKGzwMD+5eW7+5mBfZ86mylQa/Rcappr4cz54FsHHSTbuH1qs91CjZkadYHLso1E8"
    "3k4aTgtV/jtX+PdoIg7yU6ypYazjE7WdSA92RRCi89lYeX/HJUsH1UNcKJkHwpaYujOjlp"
    "ZFQpzuxchp23TaGcyni8fPC2P4m3xCSyBdvbxhISLsJ1clbLU1bzGat2IFZukAjIx4x1sz"
    "Qgzw5cXTgtmBeTb6HoBOywr7kwuX4oE/n8gJ5uEqpE3GRZH+XytmVlbZQn3ePjoL5lI6Gj"
    "vpDDt8jzQgQKGrvuT8+rCCmHDFS9cOSAMWYgpYYkpSL9C4ctsnIQ33+SwNBcpIlAHI+X0D"
    "Fp3/ODoFATU2NybCv65mByuSZdFTlJUPO41Ww12+A8LQd7m49Zw5qD1TJGv7K3Aicnk2sy"
    "RHpsTh95Zby3XYTX1ge0Ywq5Il9dK941N46HO/hDeKGJ6eF7PNfio/sVwNUeE88lMwUJAO"
    "RnIz805s5v356/u5x9HyhRAblY38yKkhTCM/PKBIX9mNE4gs/FCzywn3q5f/eA3JgJqOt3"
    "pEQkdD0Wr17VoThfvSqnOOm5jGtHHioBhKPhEqJ7XItAPq4gkI8LmHrb8gv3CCjnjlMiQB"
    "sL0saD0pzf/x/JLmEQ"
)
