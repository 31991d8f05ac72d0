/* pb-test-fixtures.h: configurations built in code, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-core.h"

G_BEGIN_DECLS

/* The worked example of domain.md, identical to
 * tests/data/worked-example.config.json (test-config-file proves it). */
PbConfiguration *pb_test_worked_example (void);
/* Path of a file in tests/data. */
char            *pb_test_data_path      (const char *name);

G_END_DECLS
