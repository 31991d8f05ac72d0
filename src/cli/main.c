/* main.c: presence-bridge-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-core.h"

int
main (int   argc,
      char *argv[])
{
  return 0;
}
