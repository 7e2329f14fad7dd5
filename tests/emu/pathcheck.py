#!/usr/bin/python3
"""Check a region the ftb-emu path recorder wrote against binutils.

    pathcheck.py OBJDUMP PATHFILE INDEX [MNEMONIC ...]

OBJDUMP is `objdump -d -w` of the program that ran; PATHFILE the plugin's
path= file; INDEX the record (0-based, -1 = last). Every recorded
instruction must be one objdump shows at that address with the same
encoding (A64: the word; x86-64: the bytes in order), the record's header
count must match its lines, and, when given, the mnemonics must be exactly
MNEMONIC... in order. Prints one TAP line; exit 1 on a mismatch.
"""
import re
import sys


def objdump_map(path):
    """pc -> (encoding hex, mnemonic) from objdump -d -w output."""
    insns = {}
    line_re = re.compile(r"^\s*([0-9a-f]+):\t([0-9a-f ]+)\t(\S+)")
    with open(path) as handle:
        for line in handle:
            m = line_re.match(line)
            if m:
                insns[int(m.group(1), 16)] = (m.group(2).replace(" ", ""),
                                              m.group(3))
    return insns


def records(path):
    """[(header dict, [(pc, encoding)])] in file order."""
    out, cur = [], None
    with open(path) as handle:
        for line in handle:
            words = line.split()
            if words and words[0] == "path":
                head = dict(w.split("=", 1) for w in words[1:])
                cur = (head, [])
            elif words == ["end"]:
                out.append(cur)
                cur = None
            elif cur is not None and len(words) == 2:
                cur[1].append((int(words[0], 16), words[1]))
            else:
                raise SystemExit("not ok - %s: malformed line %r"
                                 % (path, line))
    if cur is not None:
        raise SystemExit("not ok - %s: last record has no end" % path)
    return out


def main(argv):
    insns = objdump_map(argv[1])
    recs = records(argv[2])
    index = int(argv[3])
    want = argv[4:]
    name = "path record %s of %d" % (argv[3], len(recs))
    if not recs or index >= len(recs):
        print("not ok - %s: no such record" % name)
        return 1
    head, body = recs[index]
    if int(head["insns"]) != len(body):
        print("not ok - %s: header insns=%s, %d lines"
              % (name, head["insns"], len(body)))
        return 1
    got = []
    for pc, enc in body:
        if pc not in insns or insns[pc][0] != enc:
            print("not ok - %s: %x %s is not objdump's %s" % (
                name, pc, enc, insns.get(pc, ("nothing",))[0]))
            return 1
        got.append(insns[pc][1])
    if want and got != want:
        print("not ok - %s: mnemonics %s, want %s"
              % (name, " ".join(got), " ".join(want)))
        return 1
    print("ok - %s: %d instructions as objdump has them%s"
          % (name, len(body), ": " + " ".join(got) if want else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
