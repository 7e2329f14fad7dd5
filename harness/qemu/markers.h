/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The region markers of ftb-emu, per ISA: instructions that are NOPs on
 * hardware and that compilers never emit, so the plugin can take them for
 * BEGIN and END. Included by the plugin (to match them) and by the guest
 * side, harness/emu.c and the test kernels (to emit them).
 *
 * A64: HINT #0x60 and HINT #0x61 (unallocated hint space).
 * x86-64: NOPL 0x60(%rax) and NOPL 0x61(%rax), spelled with a 32-bit
 * displacement (0F 1F 80 disp32). Compilers pad with NOPL 0(%rax) and
 * never give a NOP a non-zero displacement; an assembler would pick the
 * shorter disp8 form for these, so they are written as bytes.
 */
#ifndef FTB_EMU_MARKERS_H
#define FTB_EMU_MARKERS_H

#define EMU_INSN_BEGIN 0xd5032c1fu
#define EMU_INSN_END 0xd5032c3fu

#define EMU_X86_MARKER_LEN 7
#define EMU_X86_BEGIN_BYTES 0x0f, 0x1f, 0x80, 0x60, 0x00, 0x00, 0x00
#define EMU_X86_END_BYTES 0x0f, 0x1f, 0x80, 0x61, 0x00, 0x00, 0x00
#define EMU_X86_BEGIN_ASM ".byte 0x0f,0x1f,0x80,0x60,0x00,0x00,0x00"
#define EMU_X86_END_ASM ".byte 0x0f,0x1f,0x80,0x61,0x00,0x00,0x00"

#endif
