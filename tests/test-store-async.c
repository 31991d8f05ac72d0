/* test-store-async.c: the store's worker thread, its asynchronous API,
 * generations, edits kept aside and the state a session loads, on real
 * files
 *
 * Tests wait for each call's own callback, never poll.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gstdio.h>

#include "pb-core.h"
#include "pb-test-fixtures.h"

typedef struct
{
  char *dir;
  char *path;
  PbStore *store;
  PbProfile *profile;  /* "Example", the worked example imported once */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();

  f->dir = pb_test_make_dir ("pb-test-store-async-XXXXXX");
  f->path = g_build_filename (f->dir, "store.db", NULL);
  f->store = pb_store_open (f->path, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (pb_store_import (f->store, "Example", config, NULL, NULL, &f->profile, &error), ==, 1);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->profile);
  pb_test_finalize_soon (g_steal_pointer (&f->store));
  pb_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->path, g_free);
}

/* Each call's result, caught by its callback. */
static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return g_steal_pointer (slot);
}

static void
test_generations (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) draft = NULL;
  g_autoptr(PbConfiguration) loaded = NULL;
  guint64 first;
  guint64 generation;
  guint64 stale;

  g_assert_true (pb_store_get_generation (f->store, f->profile, &first, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (first, >=, 1);

  draft = pb_store_load_draft (f->store, f->profile, &error);
  g_assert_no_error (error);

  /* A guarded write with the right generation goes through and moves it. */
  generation = first;
  pb_configuration_set_revert_to_last_status (draft, TRUE);
  g_assert_true (pb_store_save_draft (f->store, f->profile, draft, &generation, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (generation, ==, first + 1);

  /* Someone else writes (here: an unguarded write, as the CLI does). */
  g_assert_cmpuint (pb_store_save_revision (f->store, f->profile, draft, PB_REVISION_SOURCE_SAVE, "elsewhere",
                                            NULL, &error), ==, 2);
  g_assert_no_error (error);

  /* The stale write is refused, and writes nothing. */
  stale = generation;
  pb_configuration_set_revert_to_last_status (draft, FALSE);
  g_assert_false (pb_store_save_draft (f->store, f->profile, draft, &stale, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_STORE_CHANGED);
  g_assert_nonnull (strstr (error->message, "Example"));
  g_assert_cmpuint (stale, ==, generation);
  g_clear_error (&error);
  g_assert_cmpuint (pb_store_save_revision (f->store, f->profile, draft, PB_REVISION_SOURCE_SAVE, NULL,
                                            &stale, &error), ==, 0);
  g_assert_error (error, PB_ERROR, PB_ERROR_STORE_CHANGED);
  g_clear_error (&error);
  g_assert_cmpuint (pb_store_restore_revision (f->store, f->profile, 1, &stale, &error), ==, 0);
  g_assert_error (error, PB_ERROR, PB_ERROR_STORE_CHANGED);
  g_clear_error (&error);

  loaded = pb_store_load_draft (f->store, f->profile, &error);
  g_assert_no_error (error);
  g_assert_true (pb_configuration_get_revert_to_last_status (loaded));

  /* Every kind of write moves it; reading and keeping edits aside do not. */
  g_assert_true (pb_store_get_generation (f->store, f->profile, &generation, &error));
  g_assert_cmpuint (generation, ==, first + 2);
  g_assert_true (pb_store_save_recovery (f->store, f->profile, draft, &error));
  g_assert_true (pb_store_clear_recovery (f->store, f->profile, &error));
  g_assert_true (pb_store_mark_profile_opened (f->store, f->profile, &error));
  g_assert_no_error (error);
  g_assert_true (pb_store_get_generation (f->store, f->profile, &generation, &error));
  g_assert_cmpuint (generation, ==, first + 2);

  g_assert_cmpuint (pb_store_restore_revision (f->store, f->profile, 1, &generation, &error), ==, 3);
  g_assert_cmpuint (generation, ==, first + 3);
  g_assert_cmpuint (pb_store_import (f->store, "Example", draft, NULL, NULL, NULL, &error), ==, 4);
  g_assert_no_error (error);
  g_assert_true (pb_store_get_generation (f->store, f->profile, &generation, &error));
  g_assert_cmpuint (generation, ==, first + 4);
}

static void
test_recovery_and_state (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbProfileState) state = NULL;
  g_autoptr(PbProfileState) later = NULL;
  g_autoptr(PbConfiguration) mine = pb_test_worked_example ();
  PbConfiguration *recovered;

  state = pb_store_load_state (f->store, f->profile, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_profile_get_name (pb_profile_state_get_profile (state)), ==, "Example");
  g_assert_cmpuint (pb_profile_state_get_saved_number (state), ==, 1);
  g_assert_true (pb_configuration_equal (pb_profile_state_get_draft (state), pb_profile_state_get_saved (state)));
  g_assert_null (pb_profile_state_get_recovery (state));

  pb_configuration_set_presence_mapping (mine, "Taking_notes", "wrap");
  g_assert_true (pb_store_save_recovery (f->store, f->profile, mine, &error));
  g_assert_no_error (error);
  /* Written twice, kept once. */
  g_assert_true (pb_store_save_recovery (f->store, f->profile, mine, &error));

  later = pb_store_load_state (f->store, f->profile, &error);
  g_assert_no_error (error);
  recovered = pb_profile_state_get_recovery (later);
  g_assert_nonnull (recovered);
  g_assert_true (pb_configuration_equal (recovered, mine));
  /* Kept aside, not the draft. */
  g_assert_null (pb_configuration_get_presence_mapping (pb_profile_state_get_draft (later), "Taking_notes"));
  g_assert_cmpuint (pb_profile_state_get_generation (later), ==, pb_profile_state_get_generation (state));

  g_assert_true (pb_store_clear_recovery (f->store, f->profile, &error));
  g_clear_object (&later);
  later = pb_store_load_state (f->store, f->profile, &error);
  g_assert_null (pb_profile_state_get_recovery (later));

  /* A profile removed meanwhile is an error naming it, not an empty state. */
  g_assert_true (pb_store_remove_profile (f->store, "Example", &error));
  g_clear_object (&later);
  later = pb_store_load_state (f->store, f->profile, &error);
  g_assert_null (later);
  g_assert_error (error, PB_ERROR, PB_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Example"));
}

static void
test_startup_profile (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbProfile) a = pb_test_add_profile (f->store, "A first");
  g_autoptr(PbProfile) stored_b = pb_test_add_profile (f->store, "B second");
  g_autoptr(PbProfile) startup = NULL;

  /* Never opened, no default: the first by name, not nothing. */
  startup = pb_store_get_startup_profile (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_profile_get_name (startup), ==, "A first");
  g_clear_object (&startup);

  /* The default beats the first by name. */
  g_assert_true (pb_store_set_default_profile (f->store, "Example", &error));
  startup = pb_store_get_startup_profile (f->store, &error);
  g_assert_cmpstr (pb_profile_get_name (startup), ==, "Example");
  g_clear_object (&startup);

  /* The one opened last beats both, even within one second. */
  g_assert_true (pb_store_mark_profile_opened (f->store, stored_b, &error));
  g_assert_true (pb_store_mark_profile_opened (f->store, a, &error));
  startup = pb_store_get_startup_profile (f->store, &error);
  g_assert_cmpstr (pb_profile_get_name (startup), ==, "A first");
  g_clear_object (&startup);
  g_assert_true (pb_store_mark_profile_opened (f->store, stored_b, &error));
  startup = pb_store_get_startup_profile (f->store, &error);
  g_assert_cmpstr (pb_profile_get_name (startup), ==, "B second");
  g_clear_object (&startup);

  /* No profile at all: NULL, and no error. */
  g_assert_true (pb_store_remove_profile (f->store, "A first", &error));
  g_assert_true (pb_store_remove_profile (f->store, "B second", &error));
  g_assert_true (pb_store_remove_profile (f->store, "Example", &error));
  g_assert_no_error (error);
  startup = pb_store_get_startup_profile (f->store, &error);
  g_assert_no_error (error);
  g_assert_null (startup);
}

/* Every asynchronous call, through a main loop, as the window makes them. */
static void
test_async_calls (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GListModel) profiles = NULL;
  g_autoptr(PbProfile) added = NULL;
  g_autoptr(PbProfile) startup = NULL;
  g_autoptr(PbProfileState) state = NULL;
  g_autoptr(GListModel) revisions = NULL;
  g_autoptr(PbConfiguration) draft = NULL;
  g_autoptr(PbConfiguration) first = NULL;
  g_autoptr(PbProfile) renamed_settings = NULL;
  guint64 generation = 0;
  guint64 after = 0;
  guint number;

  pb_store_list_profiles_async (f->store, NULL, result_cb, &slot);
  result = wait_for (&slot);
  profiles = pb_store_list_profiles_finish (f->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (profiles), ==, 1);
  g_clear_object (&result);

  {
    g_autoptr(PbProfile) second = pb_profile_new ("Second");

    pb_store_add_profile_async (f->store, second, NULL, result_cb, &slot);
  }
  result = wait_for (&slot);
  added = pb_store_add_profile_finish (f->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_profile_get_id (added), >, 0);
  g_clear_object (&result);

  pb_profile_set_platform_url (added, "https://platform.example.com");
  pb_store_update_profile_async (f->store, added, NULL, result_cb, &slot);
  result = wait_for (&slot);
  g_assert_true (pb_store_update_profile_finish (f->store, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  renamed_settings = pb_store_lookup_profile (f->store, "Second", &error);
  g_assert_cmpstr (pb_profile_get_platform_url (renamed_settings), ==, "https://platform.example.com");

  pb_store_mark_profile_opened_async (f->store, added, NULL, result_cb, &slot);
  result = wait_for (&slot);
  g_assert_true (pb_store_mark_profile_opened_finish (f->store, result, &error));
  g_clear_object (&result);

  pb_store_get_startup_profile_async (f->store, NULL, result_cb, &slot);
  result = wait_for (&slot);
  startup = pb_store_get_startup_profile_finish (f->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_profile_get_name (startup), ==, "Second");
  g_clear_object (&result);

  pb_store_remove_profile_async (f->store, "Second", NULL, result_cb, &slot);
  result = wait_for (&slot);
  g_assert_true (pb_store_remove_profile_finish (f->store, result, &error));
  g_clear_object (&result);
  pb_store_remove_profile_async (f->store, "Second", NULL, result_cb, &slot);
  result = wait_for (&slot);
  g_assert_false (pb_store_remove_profile_finish (f->store, result, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&result);

  pb_store_load_state_async (f->store, f->profile, NULL, result_cb, &slot);
  result = wait_for (&slot);
  state = pb_store_load_state_finish (f->store, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  pb_store_get_generation_async (f->store, f->profile, NULL, result_cb, &slot);
  result = wait_for (&slot);
  g_assert_true (pb_store_get_generation_finish (f->store, result, &generation, &error));
  g_assert_cmpuint (generation, ==, pb_profile_state_get_generation (state));
  g_clear_object (&result);

  /* The draft is copied when the call is made: an edit after it is not
   * what gets written. */
  draft = pb_configuration_copy (pb_profile_state_get_draft (state));
  pb_configuration_set_revert_to_last_status (draft, TRUE);
  pb_store_save_draft_async (f->store, f->profile, draft, generation, NULL, result_cb, &slot);
  pb_configuration_set_presence_mapping (draft, "Taking_notes", "wrap");
  result = wait_for (&slot);
  g_assert_true (pb_store_save_draft_finish (f->store, result, &after, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (after, ==, generation + 1);
  g_clear_object (&result);
  {
    g_autoptr(PbConfiguration) stored = pb_store_load_draft (f->store, f->profile, &error);

    g_assert_true (pb_configuration_get_revert_to_last_status (stored));
    g_assert_null (pb_configuration_get_presence_mapping (stored, "Taking_notes"));
  }

  /* Guarded with the old generation: refused. */
  pb_store_save_draft_async (f->store, f->profile, draft, generation, NULL, result_cb, &slot);
  result = wait_for (&slot);
  g_assert_false (pb_store_save_draft_finish (f->store, result, &after, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_STORE_CHANGED);
  g_clear_error (&error);
  g_clear_object (&result);

  pb_store_save_recovery_async (f->store, f->profile, draft, NULL, result_cb, &slot);
  result = wait_for (&slot);
  g_assert_true (pb_store_save_recovery_finish (f->store, result, &error));
  g_clear_object (&result);
  pb_store_clear_recovery_async (f->store, f->profile, NULL, result_cb, &slot);
  result = wait_for (&slot);
  g_assert_true (pb_store_clear_recovery_finish (f->store, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  pb_store_save_revision_async (f->store, f->profile, draft, PB_REVISION_SOURCE_SAVE, "With notes", after,
                                NULL, result_cb, &slot);
  result = wait_for (&slot);
  number = pb_store_save_revision_finish (f->store, result, &generation, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (number, ==, 2);
  g_assert_cmpuint (generation, ==, after + 1);
  g_clear_object (&result);

  pb_store_list_revisions_async (f->store, f->profile, NULL, result_cb, &slot);
  result = wait_for (&slot);
  revisions = pb_store_list_revisions_finish (f->store, result, &error);
  g_assert_cmpuint (g_list_model_get_n_items (revisions), ==, 2);
  g_clear_object (&result);

  pb_store_load_revision_async (f->store, f->profile, 1, NULL, result_cb, &slot);
  result = wait_for (&slot);
  first = pb_store_load_revision_finish (f->store, result, &error);
  g_assert_no_error (error);
  g_assert_false (pb_configuration_get_revert_to_last_status (first));
  g_clear_object (&result);

  pb_store_restore_revision_async (f->store, f->profile, 1, generation, NULL, result_cb, &slot);
  result = wait_for (&slot);
  g_assert_cmpuint (pb_store_restore_revision_finish (f->store, result, &after, &error), ==, 3);
  g_assert_cmpuint (after, ==, generation + 1);
  g_clear_object (&result);

  pb_store_load_revision_async (f->store, f->profile, 99, NULL, result_cb, &slot);
  result = wait_for (&slot);
  g_assert_null (pb_store_load_revision_finish (f->store, result, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_NOT_FOUND);
}

typedef struct
{
  guint done;
  guint failed;
} Counter;

static void
count_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Counter *counter = user_data;
  g_autoptr(GError) error = NULL;

  if (!pb_store_save_draft_finish (PB_STORE (object), result, NULL, &error))
    counter->failed++;
  counter->done++;
}

/* Calls run in the order they were made: the last draft queued is the one
 * in the store. */
static void
test_async_order (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) draft = pb_store_load_draft (f->store, f->profile, &error);
  g_autoptr(PbConfiguration) stored = NULL;
  Counter counter = { 0, 0 };
  const guint n = 60;

  for (guint i = 0; i < n; i++)
    {
      pb_configuration_set_revert_to_last_status (draft, i % 2 == 1);
      pb_configuration_set_presence_mapping (draft, "Taking_notes", i % 3 == 0 ? "wrap" : "away");
      pb_store_save_draft_async (f->store, f->profile, draft, 0, NULL, count_cb, &counter);
    }

  while (counter.done < n)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (counter.failed, ==, 0);

  stored = pb_store_load_draft (f->store, f->profile, &error);
  g_assert_true (pb_configuration_mapping_equal (stored, draft));
}

/* A call cancelled before its turn does nothing; the store outlives its
 * last reference until the calls queued on it are done. */
static void
test_async_cancel_and_release (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(PbConfiguration) draft = pb_store_load_draft (f->store, f->profile, &error);
  g_autoptr(PbConfiguration) stored = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PbStore) other = NULL;
  GAsyncResult *slot = NULL;
  GAsyncResult *cancelled_slot = NULL;
  Counter counter = { 0, 0 };

  /* Cancelled before the worker reaches it: the worker looks when it
   * takes a call off its queue. (Cancelling after queueing raced with a
   * worker fast enough to have started it, under valgrind.) */
  g_object_ref (f->store);
  pb_store_list_revisions_async (f->store, f->profile, NULL, result_cb, &slot);
  pb_configuration_set_revert_to_last_status (draft, TRUE);
  g_cancellable_cancel (cancellable);
  pb_store_save_draft_async (f->store, f->profile, draft, 0, cancellable, result_cb, &cancelled_slot);

  result = wait_for (&cancelled_slot);
  g_assert_false (pb_store_save_draft_finish (f->store, result, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);
  g_object_unref (wait_for (&slot));
  g_object_unref (f->store);

  stored = pb_store_load_draft (f->store, f->profile, &error);
  g_assert_false (pb_configuration_get_revert_to_last_status (stored));

  /* The caller lets go of a second store right after queueing writes. */
  other = pb_store_open (f->path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 5; i++)
    pb_store_save_draft_async (other, f->profile, draft, 0, NULL, count_cb, &counter);
  g_clear_object (&other);
  while (counter.done < 5)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (counter.failed, ==, 0);

  g_clear_object (&stored);
  stored = pb_store_load_draft (f->store, f->profile, &error);
  g_assert_true (pb_configuration_get_revert_to_last_status (stored));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store-async/generations", test_generations);
  ADD ("/store-async/recovery-and-state", test_recovery_and_state);
  ADD ("/store-async/startup-profile", test_startup_profile);
  ADD ("/store-async/calls", test_async_calls);
  ADD ("/store-async/order", test_async_order);
  ADD ("/store-async/cancel-and-release", test_async_cancel_and_release);

#undef ADD

  return g_test_run ();
}
