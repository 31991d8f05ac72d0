/* bench-core.c: how long the core's work takes on large profiles
 *
 * Prints figures; asserts nothing about them (timing belongs in
 * docs/benchmarks.md, not in tests). Run: meson test -C BUILD --benchmark -v
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "pb-core.h"
#include "pb-test-fixtures.h"

typedef void (*BenchFunc) (gpointer data);

typedef struct
{
  guint n_statuses;
  guint n_states;
  PbConfiguration *config;
  PbStore *store;
  PbProfile *profile;
  char *data;
  gsize length;
  char *path;
  guint edit;
} Bench;

static void
bench_generate (gpointer data)
{
  Bench *b = data;
  g_autoptr(PbConfiguration) config = pb_generator_create (b->n_statuses, b->n_states, 1);
}

static void
bench_checks (gpointer data)
{
  Bench *b = data;
  g_autoptr(GListModel) findings = pb_checks_run (b->config);
}

static void
bench_preview (gpointer data)
{
  Bench *b = data;
  g_autoptr(GListModel) events = pb_preview_build (b->config);
}

/* The day is made from the lists, then played: what the CLI and the
 * window do for one run. */
static void
bench_simulate_default (gpointer data)
{
  Bench *b = data;
  g_autoptr(PbDayScript) day = pb_day_script_new_default (b->config);
  g_autoptr(GListModel) steps = pb_simulation_run (b->config, day);
}

static void
bench_simulate_every_status (gpointer data)
{
  Bench *b = data;
  g_autoptr(PbDayScript) day = pb_day_script_new_every_status (b->config);
  g_autoptr(GListModel) steps = pb_simulation_run (b->config, day);
}

static void
bench_export (gpointer data)
{
  Bench *b = data;
  g_autofree char *text = pb_config_file_to_data (b->config, NULL, NULL);
}

static void
bench_load (gpointer data)
{
  Bench *b = data;
  g_autoptr(GBytes) bytes = g_bytes_new_static (b->data, b->length);
  g_autoptr(PbConfiguration) config = pb_config_file_load_bytes (bytes, NULL);

  g_assert_nonnull (config);
}

static void
bench_save_draft (gpointer data)
{
  Bench *b = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbAgentState) state = g_list_model_get_item (pb_configuration_get_agent_states (b->config),
                                                         b->edit++ % 7);
  g_autoptr(PbPresenceStatus) status = g_list_model_get_item (pb_configuration_get_presence_statuses (b->config), 0);

  /* One edit, then the autosave the window does after it. */
  pb_configuration_set_presence_mapping (b->config, pb_presence_status_get_api_name (status),
                                         pb_agent_state_get_id (state));
  pb_store_save_draft (b->store, b->profile, b->config, NULL, &error);
  g_assert_no_error (error);
}

static void
bench_load_draft (gpointer data)
{
  Bench *b = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) config = pb_store_load_draft (b->store, b->profile, &error);

  g_assert_no_error (error);
}

static void
bench_save_revision (gpointer data)
{
  Bench *b = data;
  g_autoptr(GError) error = NULL;

  pb_store_save_revision (b->store, b->profile, b->config, PB_REVISION_SOURCE_SAVE, "bench", NULL, &error);
  g_assert_no_error (error);
}

static void
run_size (guint n_statuses,
          guint n_states)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pb-bench-XXXXXX", &error);
  g_autoptr(PbProfile) profile = pb_profile_new ("Bench");
  Bench b = { n_statuses, n_states };

  g_assert_no_error (error);
  b.config = pb_generator_create (n_statuses, n_states, 1);
  b.path = g_build_filename (dir, "store.db", NULL);
  b.store = pb_store_open (b.path, &error);
  g_assert_no_error (error);
  b.profile = pb_store_add_profile (b.store, profile, &error);
  g_assert_no_error (error);
  b.data = pb_config_file_to_data (b.config, NULL, &b.length);

  g_print ("%u statuses, %u states (file %.1f KiB)\n", n_statuses, n_states, b.length / 1024.0);
  g_print ("  %-34s %9.3f ms\n", "generate", pb_test_measure_median (bench_generate, &b, 5));
  g_print ("  %-34s %9.3f ms\n", "checks (pb_checks_run)", pb_test_measure_median (bench_checks, &b, 21));
  g_print ("  %-34s %9.3f ms\n", "preview (pb_preview_build)", pb_test_measure_median (bench_preview, &b, 21));
  g_print ("  %-34s %9.3f ms\n", "simulate the default day", pb_test_measure_median (bench_simulate_default, &b, 11));
  g_print ("  %-34s %9.3f ms\n", "simulate every-status", pb_test_measure_median (bench_simulate_every_status, &b, 11));
  g_print ("  %-34s %9.3f ms\n", "export to JSON", pb_test_measure_median (bench_export, &b, 11));
  g_print ("  %-34s %9.3f ms\n", "load from JSON", pb_test_measure_median (bench_load, &b, 11));
  g_print ("  %-34s %9.3f ms\n", "edit + autosave draft", pb_test_measure_median (bench_save_draft, &b, 21));
  g_print ("  %-34s %9.3f ms\n", "load draft", pb_test_measure_median (bench_load_draft, &b, 11));
  g_print ("  %-34s %9.3f ms\n", "save revision", pb_test_measure_median (bench_save_revision, &b, 11));

  g_clear_object (&b.store);
  g_clear_object (&b.profile);
  g_clear_object (&b.config);
  g_free (b.data);
  {
    const char *suffixes[] = { "", "-wal", "-shm" };
    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (b.path, suffixes[i], NULL);
        g_remove (file);
      }
  }
  g_rmdir (dir);
  g_free (b.path);
}

int
main (int   argc,
      char *argv[])
{
  run_size (10, 13);
  run_size (500, 100);
  run_size (5000, 1000);
  return 0;
}
