"""bs_text_key (src/base/utf8.h) modelled independently in Python, for the
corpus checks that group keywords as bibscope does: WoS inline markup
dropped, NFKC, case- and accent-folded, a few letters transliterated,
every run of characters other than letters and digits one space."""
import re
import unicodedata

TRANSLIT = {"ł": "l", "ø": "o", "æ": "ae", "đ": "d", "ð": "d", "þ": "th", "œ": "oe", "ı": "i", "ß": "ss",
            "ħ": "h"}


def text_key(s):
    s = re.sub(r"</?[A-Za-z]+>", "", s)   # WoS inline markup (<italic>), which the reader drops
    s = unicodedata.normalize("NFKC", s).casefold()
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
    out, space = [], False
    for c in unicodedata.normalize("NFC", s):
        c = TRANSLIT.get(c, c)
        if all(unicodedata.category(x)[0] in "LN" for x in c):
            if space and out:
                out.append(" ")
            space = False
            out.append(c)
        else:
            space = True
    return "".join(out)
