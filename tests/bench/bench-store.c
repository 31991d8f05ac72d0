/* bench-store.c: does a store with many profiles and a long history stay
 * as fast to open and to list as a small one?
 *
 * Builds two stores through the public store API (pb-store.h) only: a
 * small one (2 profiles of 10 revisions) and a large one (200 profiles of
 * 1,000 revisions, PB_BENCH_PROFILES and PB_BENCH_REVISIONS to change
 * that), then times what opening the window or a CLI command does on each
 * and prints large/small ratios. Asserts nothing about the figures
 * (docs/benchmarks.md records them). Run:
 *   meson test -C BUILD --benchmark bench-store -v
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "pb-core.h"
#include "pb-test-fixtures.h"

typedef struct
{
  const char *path;
  guint n_profiles;
  guint n_revisions;     /* of each profile */
  PbStore *store;        /* for the operations on an open store */
  PbProfile *profile;    /* the last profile added */
} Subject;

/* What an operation's cost may grow with. */
typedef enum
{
  PER_CALL,
  PER_PROFILE,
  PER_REVISION,
} Unit;

typedef void (*BenchFunc) (gpointer subject);

/* @n_profiles profiles, each with @n_revisions saved revisions of the
 * worked example, one mapping changed each time, as saving in the window
 * does; the first profile is the default. */
static void
build_store (const char *path,
             guint       n_profiles,
             guint       n_revisions)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const states[] = { "ready", "away", "busy", "wrap", "away.break" };

  store = pb_store_open (path, &error);
  g_assert_no_error (error);

  for (guint p = 0; p < n_profiles; p++)
    {
      g_autofree char *name = g_strdup_printf ("Profile %03u", p);
      g_autoptr(PbProfile) profile = NULL;

      g_assert_cmpuint (pb_store_import (store, name, config, "first", NULL, &profile, &error), ==, 1);
      g_assert_no_error (error);
      if (p == 0)
        {
          pb_store_set_default_profile (store, name, &error);
          g_assert_no_error (error);
        }

      for (guint r = 1; r < n_revisions; r++)
        {
          pb_configuration_set_presence_mapping (config, "Taking_notes", states[r % G_N_ELEMENTS (states)]);
          pb_store_save_revision (store, profile, config, PB_REVISION_SOURCE_SAVE, "bench", NULL, &error);
          g_assert_no_error (error);
        }
    }
}

/* What every CLI command and the window's start do first. */
static void
bench_open (gpointer data)
{
  Subject *subject = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = pb_store_open (subject->path, &error);

  g_assert_no_error (error);
}

static void
bench_list_profiles (gpointer data)
{
  Subject *subject = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) profiles = pb_store_list_profiles (subject->store, &error);

  g_assert_no_error (error);
}

static void
bench_default_profile (gpointer data)
{
  Subject *subject = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbProfile) profile = pb_store_get_default_profile (subject->store, &error);

  g_assert_no_error (error);
}

static void
bench_load_draft (gpointer data)
{
  Subject *subject = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) draft = pb_store_load_draft (subject->store, subject->profile, &error);

  g_assert_no_error (error);
}

static void
bench_latest_revision (gpointer data)
{
  Subject *subject = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) latest = pb_store_load_latest_revision (subject->store, subject->profile, &error);

  g_assert_no_error (error);
}

static void
bench_list_revisions (gpointer data)
{
  Subject *subject = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) revisions = pb_store_list_revisions (subject->store, subject->profile, &error);

  g_assert_no_error (error);
}

static void
bench_save_revision (gpointer data)
{
  Subject *subject = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) draft = pb_store_load_draft (subject->store, subject->profile, &error);

  g_assert_no_error (error);
  pb_store_save_revision (subject->store, subject->profile, draft, PB_REVISION_SOURCE_SAVE, "bench", NULL, &error);
  g_assert_no_error (error);
}

static void
open_subject (Subject *subject)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) profiles = NULL;

  subject->store = pb_store_open (subject->path, &error);
  g_assert_no_error (error);
  profiles = pb_store_list_profiles (subject->store, &error);
  g_assert_no_error (error);
  subject->profile = g_list_model_get_item (profiles, g_list_model_get_n_items (profiles) - 1);
}

static void
close_subject (Subject *subject)
{
  g_clear_object (&subject->profile);
  g_clear_object (&subject->store);
}

int
main (int   argc,
      char *argv[])
{
  static const struct { const char *name; BenchFunc func; guint runs; gboolean needs_open; Unit unit; } benches[] = {
    { "open the store", bench_open, 21, FALSE, PER_CALL },
    { "list profiles", bench_list_profiles, 51, TRUE, PER_PROFILE },
    { "default profile", bench_default_profile, 51, TRUE, PER_CALL },
    { "load a draft", bench_load_draft, 51, TRUE, PER_CALL },
    { "load the latest revision", bench_latest_revision, 51, TRUE, PER_CALL },
    { "list a profile's revisions", bench_list_revisions, 21, TRUE, PER_REVISION },
    { "save a revision", bench_save_revision, 21, TRUE, PER_CALL },
  };
  guint n_profiles = pb_test_env_uint ("PB_BENCH_PROFILES", 200);
  guint n_revisions = pb_test_env_uint ("PB_BENCH_REVISIONS", 1000);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pb-bench-store-XXXXXX", &error);
  g_autofree char *small_path = g_build_filename (dir, "small.db", NULL);
  g_autofree char *large_path = g_build_filename (dir, "large.db", NULL);
  Subject small = { small_path, 2, 10 };
  Subject large = { large_path, n_profiles, n_revisions };
  GStatBuf info;
  gint64 start;

  g_assert_no_error (error);

  build_store (small_path, small.n_profiles, small.n_revisions);
  start = g_get_monotonic_time ();
  build_store (large_path, large.n_profiles, large.n_revisions);
  g_assert_cmpint (g_stat (large_path, &info), ==, 0);
  g_print ("large store: %u profiles x %u revisions, %.1f MiB, built in %.1f s\n\n",
           n_profiles, n_revisions, info.st_size / 1048576.0,
           (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC);

  /* A list of 200 profiles costs more than one of 2: for lists, the ratio
   * that matters is per item listed. */
  g_print ("  %-28s %10s %10s %8s %14s\n", "operation (median)", "small ms", "large ms", "ratio", "ratio per item");
  for (guint i = 0; i < G_N_ELEMENTS (benches); i++)
    {
      double small_ms, large_ms;

      if (benches[i].needs_open)
        {
          open_subject (&small);
          open_subject (&large);
        }
      small_ms = pb_test_measure_median (benches[i].func, &small, benches[i].runs);
      large_ms = pb_test_measure_median (benches[i].func, &large, benches[i].runs);
      close_subject (&small);
      close_subject (&large);

      if (benches[i].unit == PER_CALL)
        g_print ("  %-28s %10.3f %10.3f %7.1fx\n", benches[i].name, small_ms, large_ms, large_ms / small_ms);
      else
        {
          double small_items = benches[i].unit == PER_PROFILE ? small.n_profiles : small.n_revisions;
          double large_items = benches[i].unit == PER_PROFILE ? large.n_profiles : large.n_revisions;

          g_print ("  %-28s %10.3f %10.3f %7.1fx %13.2fx\n", benches[i].name, small_ms, large_ms,
                   large_ms / small_ms, (large_ms / large_items) / (small_ms / small_items));
        }
    }

  pb_test_remove_tree (dir);
  return 0;
}
