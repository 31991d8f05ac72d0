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
/* Text as hostile as an account can make a name: markup that must show
 * as text, a right-to-left override, control characters (a tab, a line
 * break), then words (@spaces) or one unbroken run, @length characters in
 * all. */
char            *pb_test_hostile_text   (guint       length,
                                         gboolean    spaces);
/* The worked example with @text as the name of Away › Break and as the
 * label of "On a call": both show in both grids, the choices and the
 * preview. */
PbConfiguration *pb_test_worked_example_named (const char *text);
/* Path of a file in tests/data. */
char            *pb_test_data_path      (const char *name);

/* A new, empty folder for one test (in the temporary folder that
 * G_TEST_OPTION_ISOLATE_DIRS gives each test), named after @tmpl. */
char            *pb_test_make_dir       (const char *tmpl);
/* Removes @path and all it holds (a link, not what it points to), and
 * asserts that every part went. */
void             pb_test_remove_tree    (const char *path);

G_END_DECLS
