/* SPDX-License-Identifier: GPL-2.0 */
/* ftbench subcommands: each parses its own options and returns the exit status. */
#ifndef FTB_COMMANDS_H
#define FTB_COMMANDS_H

int ftb_cmd_list(void);
int ftb_cmd_verify(int argc, char **argv);
int ftb_cmd_run(int argc, char **argv);
int ftb_cmd_scenarios(void);
int ftb_cmd_info(void);
int ftb_cmd_stress(int argc, char **argv);
int ftb_cmd_kernel(int argc, char **argv);

#endif
