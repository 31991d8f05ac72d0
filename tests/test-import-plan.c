/* test-import-plan.c: the one import policy the CLI and the window share,
 * on real store files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pb-core.h"
#include "pb-test-fixtures.h"

typedef struct
{
  char *dir;
  PbStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = pb_test_make_dir ("pb-test-import-plan-XXXXXX");
  path = g_build_filename (f->dir, "store.db", NULL);
  f->store = pb_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pb_test_finalize_soon (g_steal_pointer (&f->store));
  pb_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

static PbConfiguration *
with_extra_status (void)
{
  static const char * const channels[] = { "sfdc_messaging", NULL };
  PbConfiguration *config = pb_test_worked_example ();
  GListModel *statuses = pb_configuration_get_presence_statuses (config);
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (statuses); i++)
    g_ptr_array_add (array, g_list_model_get_item (statuses, i));
  g_ptr_array_add (array, pb_presence_status_new ("Ready_for_Messaging", "Ready for messaging", NULL, channels));
  pb_configuration_set_presence_statuses (config, array);

  return config;
}

/* An empty store: a new profile named after the org, made the default. */
static void
test_empty_store (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) imported = pb_test_worked_example ();
  g_autoptr(PbImportPlan) plan = NULL;
  g_autoptr(PbProfile) profile = NULL;
  g_autoptr(PbProfile) by_default = NULL;

  plan = pb_import_plan_new (f->store, NULL, imported, &error);
  g_assert_no_error (error);
  g_assert_true (pb_import_plan_get_creates_profile (plan));
  g_assert_cmpstr (pb_import_plan_get_profile_name (plan), ==, pb_configuration_get_org_name (imported));
  g_assert_true (pb_configuration_equal (pb_import_plan_get_landing (plan), imported));
  g_assert_cmpuint (g_list_model_get_n_items (pb_import_plan_get_changes (plan)), >, 20);
  g_assert_false (pb_import_plan_get_keeps_lists (plan));
  g_assert_cmpuint (pb_import_plan_get_n_errors (plan), ==, 0);

  /* Planning wrote nothing. */
  g_assert_null (pb_store_get_startup_profile (f->store, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (pb_import_plan_apply (plan, f->store, "First", NULL, &profile, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_profile_get_name (profile), ==, pb_import_plan_get_profile_name (plan));
  by_default = pb_store_get_default_profile (f->store, &error);
  g_assert_cmpstr (pb_profile_get_name (by_default), ==, pb_profile_get_name (profile));
}

/* A profile whose lists came from a fetch keeps them; the differences of
 * the file's lists are shown, and the errors of what lands are counted. */
static void
test_fetched_profile (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) fetched = pb_test_worked_example ();
  g_autoptr(PbConfiguration) imported = with_extra_status ();
  g_autoptr(PbImportPlan) plan = NULL;
  g_autoptr(PbProfile) profile = NULL;
  g_autoptr(PbProfile) stored = NULL;
  g_autoptr(PbChange) change = NULL;

  profile = pb_test_add_profile (f->store, "Production");
  g_assert_no_error (error);
  g_assert_cmpuint (pb_store_save_revision (f->store, profile, fetched, PB_REVISION_SOURCE_FETCH, NULL, NULL,
                                            &error), ==, 1);

  pb_configuration_set_presence_mapping (imported, "Ready_for_Messaging", "busy");
  pb_configuration_unset_state_mapping (imported, "wrap");

  plan = pb_import_plan_new (f->store, "Production", imported, &error);
  g_assert_no_error (error);
  g_assert_false (pb_import_plan_get_creates_profile (plan));
  g_assert_true (pb_configuration_equal (pb_import_plan_get_current (plan), fetched));
  g_assert_true (pb_configuration_lists_equal (pb_import_plan_get_landing (plan), fetched));
  g_assert_true (pb_import_plan_get_keeps_lists (plan));
  g_assert_cmpuint (g_list_model_get_n_items (pb_import_plan_get_list_changes (plan)), ==, 1);
  change = g_list_model_get_item (pb_import_plan_get_list_changes (plan), 0);
  g_assert_cmpint (pb_change_get_kind (change), ==, PB_CHANGE_ADDED);
  g_assert_nonnull (strstr (pb_change_get_path (change), "Ready_for_Messaging"));
  /* Wrap up unmapped; Ready_for_Messaging names a status the kept lists lack. */
  g_assert_cmpuint (pb_import_plan_get_n_errors (plan), ==, 2);

  g_assert_cmpuint (pb_import_plan_apply (plan, f->store, NULL, NULL, &stored, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpint (pb_profile_get_id (stored), ==, pb_profile_get_id (profile));
}

/* Several profiles and none the default: no target, and a reason. A new
 * name: a new profile, not made the default. */
static void
test_targets (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) imported = pb_test_worked_example ();
  g_autoptr(PbImportPlan) plan = NULL;
  g_autoptr(PbProfile) created = NULL;

  g_object_unref (pb_test_add_profile (f->store, "One"));
  g_object_unref (pb_test_add_profile (f->store, "Two"));
  g_assert_no_error (error);

  plan = pb_import_plan_new (f->store, NULL, imported, &error);
  g_assert_null (plan);
  g_assert_error (error, PB_ERROR, PB_ERROR_NOT_FOUND);
  g_clear_error (&error);

  plan = pb_import_plan_new (f->store, "Three", imported, &error);
  g_assert_no_error (error);
  g_assert_true (pb_import_plan_get_creates_profile (plan));
  g_assert_cmpstr (pb_import_plan_get_profile_name (plan), ==, "Three");
  g_assert_cmpuint (pb_import_plan_apply (plan, f->store, NULL, NULL, &created, &error), ==, 1);
  g_assert_false (pb_profile_get_is_default (created));
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return g_steal_pointer (slot);
}

/* The window's way: planned and applied on the store's worker, guarded by
 * the generation the window knows; a stale one writes nothing. */
static void
test_async_guarded (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) imported = pb_test_worked_example ();
  g_autoptr(PbConfiguration) other = with_extra_status ();
  g_autoptr(PbImportPlan) plan = NULL;
  g_autoptr(PbProfile) profile = NULL;
  g_autoptr(PbProfile) target = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) revisions = NULL;
  GAsyncResult *slot = NULL;
  guint64 generation;
  guint64 stale;

  g_assert_cmpuint (pb_store_import (f->store, "Example", imported, NULL, NULL, &profile, &error), ==, 1);
  g_assert_true (pb_store_get_generation (f->store, profile, &generation, &error));

  pb_import_plan_new_async (f->store, "Example", other, NULL, result_cb, &slot);
  result = wait_for (&slot);
  plan = pb_import_plan_new_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pb_import_plan_get_changes (plan)), ==, 1);
  g_clear_object (&result);

  /* Someone else writes meanwhile. */
  stale = generation;
  g_assert_cmpuint (pb_store_save_revision (f->store, profile, imported, PB_REVISION_SOURCE_SAVE, NULL, NULL,
                                            &error), ==, 2);

  pb_import_plan_apply_async (plan, f->store, "Stale", stale, NULL, result_cb, &slot);
  result = wait_for (&slot);
  g_assert_cmpuint (pb_import_plan_apply_finish (plan, result, &generation, &target, &error), ==, 0);
  g_assert_error (error, PB_ERROR, PB_ERROR_STORE_CHANGED);
  g_clear_error (&error);
  g_clear_object (&result);
  revisions = pb_store_list_revisions (f->store, profile, &error);
  g_assert_cmpuint (g_list_model_get_n_items (revisions), ==, 2);

  g_assert_true (pb_store_get_generation (f->store, profile, &generation, &error));
  pb_import_plan_apply_async (plan, f->store, "Fresh", generation, NULL, result_cb, &slot);
  result = wait_for (&slot);
  g_assert_cmpuint (pb_import_plan_apply_finish (plan, result, &stale, &target, &error), ==, 3);
  g_assert_no_error (error);
  g_assert_cmpuint (stale, ==, generation + 1);
  g_assert_cmpstr (pb_profile_get_name (target), ==, "Example");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/import-plan/empty-store", test_empty_store);
  ADD ("/import-plan/fetched-profile", test_fetched_profile);
  ADD ("/import-plan/targets", test_targets);
  ADD ("/import-plan/async-guarded", test_async_guarded);

#undef ADD

  return g_test_run ();
}
