// SPDX-License-Identifier: GPL-2.0
/*
 * The arm64 site checker built for the x86_64 host (site_check_arm64): its
 * decoding is plain C over instruction words, host-independent. The code
 * symbols the asm/arm64 .S files define are named by functions the checker
 * target never calls (patching the shared caller, copying it far away):
 * here they are only addresses, never executed.
 */
char ftrace_caller[4], ftrace_call[4];
char ftrace_callops_caller[4], ftrace_callops_caller_end[1];
