# SPDX-License-Identifier: GPL-2.0
"""Just enough of an ELF64 little-endian relocatable reader for the corpus
equivalence test: sections, the symbol table and RELA relocations."""

import struct

SHT_SYMTAB, SHT_RELA = 2, 4
STT_SECTION, STT_FUNC = 3, 2


class Section:
    def __init__(self, idx, name, sh):
        (self.name_off, self.type, self.flags, self.addr, self.offset,
         self.size, self.link, self.info, self.addralign, self.entsize) = sh
        self.idx, self.name = idx, name


class Symbol:
    def __init__(self, name, info, shndx, value, size):
        self.name, self.shndx, self.value, self.size = name, shndx, value, size
        self.type = info & 0xF


class Reloc:
    def __init__(self, offset, info, addend):
        self.offset, self.addend = offset, addend
        self.sym, self.type = info >> 32, info & 0xFFFFFFFF


class Elf:
    def __init__(self, path):
        with open(path, "rb") as f:
            self.data = f.read()
        d = self.data
        if d[:4] != b"\x7fELF" or d[4] != 2 or d[5] != 1:
            raise ValueError(f"{path}: not an ELF64 little-endian object")
        shoff, = struct.unpack_from("<Q", d, 0x28)
        shentsize, shnum, shstrndx = struct.unpack_from("<HHH", d, 0x3A)
        raw = [struct.unpack_from("<IIQQQQIIQQ", d, shoff + i * shentsize)
               for i in range(shnum)]
        strtab = raw[shstrndx]
        self.sections = [Section(i, self._str(strtab[4], sh[0]), sh)
                         for i, sh in enumerate(raw)]
        self.symbols = self._symbols()
        self.relocs = self._relocs()

    def _str(self, off, idx):
        end = self.data.index(b"\0", off + idx)
        return self.data[off + idx:end].decode()

    def _symbols(self):
        st = next(s for s in self.sections if s.type == SHT_SYMTAB)
        strs = self.sections[st.link]
        out = []
        for off in range(st.offset, st.offset + st.size, 24):
            name, info, _, shndx, value, size = struct.unpack_from(
                "<IBBHQQ", self.data, off)
            out.append(Symbol(self._str(strs.offset, name), info, shndx,
                              value, size))
        return out

    def _relocs(self):
        """{target section index: [Reloc]} for every RELA section."""
        out = {}
        for s in self.sections:
            if s.type != SHT_RELA:
                continue
            lst = out.setdefault(s.info, [])
            for off in range(s.offset, s.offset + s.size, 24):
                lst.append(Reloc(*struct.unpack_from("<QQq", self.data, off)))
        return out

    def section(self, name):
        return next((s for s in self.sections if s.name == name), None)

    def bytes(self, sec, start, end):
        return self.data[sec.offset + start:sec.offset + end]

    def target(self, r):
        """A relocation's target: ('sym', name, addend) for a named
        symbol, ('sec', index, offset) for a section-relative one."""
        sym = self.symbols[r.sym]
        if sym.type == STT_SECTION or not sym.name:
            return ("sec", sym.shndx, sym.value + r.addend)
        return ("sym", sym.name, r.addend)
