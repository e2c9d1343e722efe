# regex-replace: build n log lines (about 9.5 MB of text), count the dates and the e-mail
# addresses with a regex, and rewrite every date from YYYY-MM-DD to DD/MM/YYYY with
# groups. n = 125000.
import re


def pad2(k):
    return "0" + str(k) if k < 10 else str(k)


def run(n):
    lines = []
    for i in range(n):
        ident = str(i)
        lines.append("user" + ident + " <user" + ident + "@example.com> visited /page/" + str(i % 1000)
                     + " on 2024-" + pad2(1 + i % 12) + "-" + pad2(1 + i % 28) + " status ok\n")
    text = "".join(lines)
    dates = len(re.findall(r"\d{4}-\d{2}-\d{2}", text))
    mails = len(re.findall(r"[a-z0-9]+@[a-z]+\.com", text))
    swapped = re.sub(r"(\d{4})-(\d{2})-(\d{2})", r"\3/\2/\1", text)
    return [dates, mails, len(swapped)]


r = run(125000)
print(r[0], r[1], r[2])
