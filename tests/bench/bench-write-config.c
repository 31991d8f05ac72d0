/* bench-write-config.c: writes the generated file the file-path figures
 * of docs/benchmarks.md are measured on
 *
 * Usage: bench-write-config FILE [STATUSES STATES SEED]
 * (10,000 statuses, 3,000 states, seed 7 unless told).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>

#include "pb-core.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(PbConfiguration) configuration = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 2 && argc != 5)
    {
      g_printerr ("Usage: %s FILE [STATUSES STATES SEED]\n", argv[0]);
      return 2;
    }

  configuration = argc == 5
    ? pb_generator_create (strtoul (argv[2], NULL, 10), strtoul (argv[3], NULL, 10),
                           strtoul (argv[4], NULL, 10))
    : pb_generator_create (10000, 3000, 7);
  if (!pb_config_file_save_path (configuration, argv[1], &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  return 0;
}
