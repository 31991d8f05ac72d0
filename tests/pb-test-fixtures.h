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

/* Drops the caller's reference to @object and runs the main context until
 * the object is finalized (the store releases the tasks of its worker on
 * the caller's thread, right after their callbacks): fails after 10 s. */
void             pb_test_finalize_soon  (gpointer    object);
/* Runs the main context until @done (@data) is TRUE, checked each time
 * something happened (a source, a notification): fails after 20 s, naming
 * @what. */
void             pb_test_wait_until     (gboolean  (*done) (gpointer data),
                                         gpointer    data,
                                         const char *what);
/* A GAsyncReadyCallback keeping the result in the GAsyncResult * that
 * @user_data points to; pb_test_wait_result() waits for it and hands it
 * over. */
void             pb_test_result_cb      (GObject      *object,
                                         GAsyncResult *result,
                                         gpointer      user_data);
GAsyncResult    *pb_test_wait_result    (GAsyncResult **slot);
/* An environment variable's whole number (1 or more), or @fallback when it
 * is unset or not one: the knobs of the longer runs by hand. */
guint            pb_test_env_uint       (const char *name,
                                         guint       fallback);

/* The median of @runs calls of @func, in milliseconds (benchmarks). */
double           pb_test_measure_median (void      (*func) (gpointer data),
                                         gpointer    data,
                                         guint       runs);

/* A new profile named @name, stored. */
PbProfile       *pb_test_add_profile    (PbStore    *store,
                                         const char *name);

G_END_DECLS
