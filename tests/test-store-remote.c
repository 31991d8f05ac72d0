/* test-store-remote.c: fetches, publishes and conflicts as the store keeps
 * them (cli.md, "Drafts, fetches and conflicts"), on real files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <sqlite3.h>

#include "pb-core.h"
#include "pb-test-fixtures.h"

typedef struct
{
  char *dir;
  char *path;
  PbStore *store;
  PbProfile *profile;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = pb_test_make_dir ("pb-test-store-remote-XXXXXX");
  f->path = g_build_filename (f->dir, "store.db", NULL);
  f->store = pb_store_open (f->path, &error);
  g_assert_no_error (error);
  f->profile = pb_test_add_profile (f->store, "Production");
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

/* What a fetch of the worked example's org brings: its lists and the
 * platform's configuration, with an extra status and Taking notes mapped. */
static PbConfiguration *
remote_org (void)
{
  static const char * const channels[] = { "sfdc_messaging", NULL };
  PbConfiguration *config = pb_test_worked_example ();
  GListModel *statuses = pb_configuration_get_presence_statuses (config);
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (statuses); i++)
    g_ptr_array_add (array, g_list_model_get_item (statuses, i));
  g_ptr_array_add (array, pb_presence_status_new ("Ready_for_Messaging", "Ready for messaging",
                                                  "0N5000000000MSGAAA", channels));
  pb_configuration_set_presence_statuses (config, array);
  pb_configuration_set_presence_mapping (config, "Taking_notes", "wrap");
  return config;
}

static PbProfileState *
load_state (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  PbProfileState *state = pb_store_load_state (f->store, f->profile, &error);

  g_assert_no_error (error);
  return state;
}

static PbFetchOutcome *
fetch (Fixture         *f,
       PbConfiguration *remote,
       const char      *etag,
       gint64           revision)
{
  g_autoptr(GError) error = NULL;
  PbFetchOutcome *outcome;

  outcome = pb_store_record_fetch (f->store, f->profile, remote, etag, revision, PB_AVAILABILITY_AVAILABLE,
                                   NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (outcome);
  return outcome;
}

static guint
n_revisions (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) revisions = pb_store_list_revisions (f->store, f->profile, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (revisions);
}

static void
save_draft (Fixture         *f,
            PbConfiguration *draft)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pb_store_save_draft (f->store, f->profile, draft, NULL, &error));
  g_assert_no_error (error);
}

/* The first fetch makes the remote configuration the draft, shows what the
 * lists gained, and records it in the history. */
static void
test_first_fetch (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) imported = pb_test_worked_example ();
  g_autoptr(PbConfiguration) remote = remote_org ();
  g_autoptr(PbFetchOutcome) outcome = NULL;
  g_autoptr(PbProfileState) state = NULL;
  g_autoptr(PbChange) change = NULL;

  g_assert_cmpuint (pb_store_import (f->store, "Production", imported, NULL, NULL, NULL, &error), ==, 1);

  outcome = fetch (f, remote, "\"v7\"", 7);
  g_assert_cmpint (pb_fetch_outcome_get_draft (outcome), ==, PB_FETCH_DRAFT_TAKEN);
  g_assert_false (pb_fetch_outcome_get_conflict (outcome));
  g_assert_cmpuint (pb_fetch_outcome_get_revision (outcome), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (pb_fetch_outcome_get_list_changes (outcome)), ==, 1);
  change = g_list_model_get_item (pb_fetch_outcome_get_list_changes (outcome), 0);
  g_assert_cmpint (pb_change_get_kind (change), ==, PB_CHANGE_ADDED);
  g_assert_nonnull (strstr (pb_change_get_path (change), "Ready_for_Messaging"));

  state = load_state (f);
  g_assert_true (pb_configuration_equal (pb_profile_state_get_draft (state), remote));
  g_assert_cmpstr (pb_remote_configuration_get_etag (pb_profile_state_get_base (state)), ==, "\"v7\"");
  g_assert_cmpint (pb_remote_configuration_get_revision (pb_profile_state_get_remote (state)), ==, 7);
  g_assert_true (pb_profile_state_get_base (state) == pb_profile_state_get_remote (state));
  g_assert_false (pb_profile_state_get_conflict (state));
  g_assert_cmpint (pb_profile_state_get_revert_available (state), ==, PB_AVAILABILITY_AVAILABLE);

  /* The same fetch again changes nothing in the history. */
  g_clear_object (&outcome);
  outcome = fetch (f, remote, "\"v7\"", 7);
  g_assert_cmpuint (pb_fetch_outcome_get_revision (outcome), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (pb_fetch_outcome_get_list_changes (outcome)), ==, 0);
  g_assert_cmpuint (n_revisions (f), ==, 2);
}

/* A first fetch never throws away edits that were only in the draft. */
static void
test_first_fetch_keeps_unsaved_edits (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) imported = pb_test_worked_example ();
  g_autoptr(PbConfiguration) remote = remote_org ();
  g_autoptr(PbConfiguration) kept = NULL;
  g_autoptr(PbFetchOutcome) outcome = NULL;

  g_assert_cmpuint (pb_store_import (f->store, "Production", imported, NULL, NULL, NULL, &error), ==, 1);
  pb_configuration_set_state_mapping (imported, "busy", "Taking_notes");
  save_draft (f, imported);

  outcome = fetch (f, remote, "\"v1\"", 1);
  g_assert_cmpuint (pb_fetch_outcome_get_revision (outcome), ==, 3);
  kept = pb_store_load_revision (f->store, f->profile, 2, &error);
  g_assert_no_error (error);
  g_assert_true (pb_configuration_equal (kept, imported));
}

/* Later fetches: no edits since the base — the draft follows the remote
 * one; edits and an unchanged remote — the edits stay and the base moves
 * on; edits and a changed remote — a conflict. */
static void
test_later_fetches (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PbConfiguration) remote = remote_org ();
  g_autoptr(PbConfiguration) edited = NULL;
  g_autoptr(PbFetchOutcome) outcome = NULL;
  g_autoptr(PbProfileState) state = NULL;
  const char *presence = NULL;

  g_clear_object (&outcome);
  outcome = fetch (f, remote, "\"v1\"", 1);

  /* The remote configuration changed, nothing here: followed. */
  pb_configuration_set_revert_to_last_status (remote, TRUE);
  g_clear_object (&outcome);
  outcome = fetch (f, remote, "\"v2\"", 2);
  g_assert_cmpint (pb_fetch_outcome_get_draft (outcome), ==, PB_FETCH_DRAFT_TAKEN);
  state = load_state (f);
  g_assert_true (pb_configuration_get_revert_to_last_status (pb_profile_state_get_draft (state)));

  /* Edits here; the remote one saved again unchanged (new ETag): kept,
   * and based on the new ETag. */
  edited = pb_configuration_copy (pb_profile_state_get_draft (state));
  pb_configuration_set_state_mapping (edited, "busy", "Taking_notes");
  save_draft (f, edited);
  g_clear_object (&outcome);
  outcome = fetch (f, remote, "\"v3\"", 3);
  g_assert_cmpint (pb_fetch_outcome_get_draft (outcome), ==, PB_FETCH_DRAFT_KEPT);
  g_assert_false (pb_fetch_outcome_get_conflict (outcome));
  g_clear_object (&state);
  state = load_state (f);
  g_assert_cmpstr (pb_remote_configuration_get_etag (pb_profile_state_get_base (state)), ==, "\"v3\"");
  g_assert_true (pb_configuration_get_state_mapping (pb_profile_state_get_draft (state), "busy", &presence));
  g_assert_cmpstr (presence, ==, "Taking_notes");

  /* Edits here and a changed remote: a conflict; the edits stay, the base
   * stays on v3. */
  pb_configuration_set_presence_mapping (remote, "On_a_call", "busy");
  g_clear_object (&outcome);
  outcome = fetch (f, remote, "\"v4\"", 4);
  g_assert_cmpint (pb_fetch_outcome_get_draft (outcome), ==, PB_FETCH_DRAFT_KEPT);
  g_assert_true (pb_fetch_outcome_get_conflict (outcome));
  g_clear_object (&state);
  state = load_state (f);
  g_assert_true (pb_profile_state_get_conflict (state));
  g_assert_cmpstr (pb_remote_configuration_get_etag (pb_profile_state_get_base (state)), ==, "\"v3\"");
  g_assert_cmpstr (pb_remote_configuration_get_etag (pb_profile_state_get_remote (state)), ==, "\"v4\"");
  g_assert_cmpstr (pb_configuration_get_presence_mapping (pb_profile_state_get_draft (state), "On_a_call"),
                   ==, "away");

  /* Fetching again does not settle it. */
  g_clear_object (&outcome);
  outcome = fetch (f, remote, "\"v4\"", 4);
  g_assert_true (pb_fetch_outcome_get_conflict (outcome));
}

/* A draft that already is what the platform has (a publish whose answer
 * was lost on the way back) is no conflict. */
static void
test_draft_equal_to_remote (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(PbConfiguration) remote = remote_org ();
  g_autoptr(PbFetchOutcome) first = fetch (f, remote, "\"v1\"", 1);
  g_autoptr(PbFetchOutcome) second = NULL;
  g_autoptr(PbProfileState) state = NULL;

  pb_configuration_set_state_mapping (remote, "busy", "Taking_notes");
  save_draft (f, remote);
  second = fetch (f, remote, "\"v2\"", 2);
  g_assert_false (pb_fetch_outcome_get_conflict (second));
  state = load_state (f);
  g_assert_false (pb_profile_state_get_conflict (state));
  g_assert_cmpstr (pb_remote_configuration_get_etag (pb_profile_state_get_base (state)), ==, "\"v2\"");
}

static void
make_conflict (Fixture *f)
{
  g_autoptr(PbConfiguration) remote = remote_org ();
  g_autoptr(PbConfiguration) edited = NULL;
  g_autoptr(PbFetchOutcome) first = fetch (f, remote, "\"v1\"", 1);
  g_autoptr(PbFetchOutcome) second = NULL;

  edited = pb_configuration_copy (remote);
  pb_configuration_set_state_mapping (edited, "busy", "Taking_notes");
  save_draft (f, edited);
  pb_configuration_set_presence_mapping (remote, "On_a_call", "busy");
  second = fetch (f, remote, "\"v2\"", 2);
  g_assert_true (pb_fetch_outcome_get_conflict (second));
}

/* A draft edited into what the platform has now, after a conflict, is no
 * conflict any more: loading agrees with what a fetch would say. */
static void
test_conflict_edited_away (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(PbProfileState) before = NULL;
  g_autoptr(PbProfileState) after = NULL;
  g_autoptr(PbConfiguration) draft = NULL;

  make_conflict (f);
  before = load_state (f);
  g_assert_true (pb_profile_state_get_conflict (before));

  draft = pb_configuration_copy (pb_profile_state_get_draft (before));
  pb_configuration_set_published (draft, pb_remote_configuration_get_configuration (pb_profile_state_get_remote (before)));
  save_draft (f, draft);
  after = load_state (f);
  g_assert_false (pb_profile_state_get_conflict (after));
}

static void
test_resolve (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbProfileState) state = NULL;
  g_autoptr(PbConfiguration) kept = NULL;
  guint revision = 99;
  guint before;
  const char *presence = NULL;

  make_conflict (f);

  /* Keep local: re-based on v2, the edits intact, nothing in the history. */
  g_assert_true (pb_store_resolve_conflict (f->store, f->profile, TRUE, &revision, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (revision, ==, 0);
  state = load_state (f);
  g_assert_false (pb_profile_state_get_conflict (state));
  g_assert_cmpstr (pb_remote_configuration_get_etag (pb_profile_state_get_base (state)), ==, "\"v2\"");
  g_assert_true (pb_configuration_get_state_mapping (pb_profile_state_get_draft (state), "busy", &presence));
  g_assert_cmpstr (presence, ==, "Taking_notes");
  g_clear_object (&state);

  /* Take remote: the draft is v2's configuration, recorded; the edits it
   * replaces, which no revision held, are kept in the revision before. */
  before = n_revisions (f);
  g_assert_true (pb_store_resolve_conflict (f->store, f->profile, FALSE, &revision, NULL, &error));
  g_assert_cmpuint (revision, ==, n_revisions (f));
  g_assert_cmpuint (revision, ==, before + 2);
  kept = pb_store_load_revision (f->store, f->profile, revision - 1, &error);
  g_assert_no_error (error);
  g_assert_true (pb_configuration_get_state_mapping (kept, "busy", &presence));
  g_assert_cmpstr (presence, ==, "Taking_notes");
  state = load_state (f);
  g_assert_cmpstr (pb_configuration_get_presence_mapping (pb_profile_state_get_draft (state), "On_a_call"),
                   ==, "busy");
  g_assert_true (pb_configuration_get_state_mapping (pb_profile_state_get_draft (state), "busy", &presence));
  g_assert_cmpstr (presence, ==, "On_a_call");
}

static void
test_publish (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) remote = remote_org ();
  g_autoptr(PbConfiguration) published = NULL;
  g_autoptr(PbConfiguration) stored_mapping = NULL;
  g_autoptr(PbRemoteConfiguration) stored = NULL;
  g_autoptr(PbFetchOutcome) outcome = fetch (f, remote, "\"v1\"", 1);
  g_autoptr(PbProfileState) state = NULL;
  g_autoptr(GListModel) revisions = NULL;
  g_autoptr(PbRevision) newest = NULL;
  guint number;

  published = pb_configuration_copy (remote);
  pb_configuration_set_state_mapping (published, "wrap", "Ready_for_Messaging");
  /* What the platform stored: the mapping alone. */
  stored_mapping = pb_configuration_new ();
  pb_configuration_assign (stored_mapping, published);
  stored = pb_remote_configuration_new (stored_mapping, "\"v2\"", 2);

  number = pb_store_record_publish (f->store, f->profile, published, stored, "Messaging for wrap-up", NULL,
                                    &error);
  g_assert_no_error (error);
  g_assert_cmpuint (number, ==, n_revisions (f));

  revisions = pb_store_list_revisions (f->store, f->profile, &error);
  newest = g_list_model_get_item (revisions, 0);
  g_assert_cmpstr (pb_revision_get_source (newest), ==, PB_REVISION_SOURCE_PUBLISH);
  g_assert_cmpstr (pb_revision_get_comment (newest), ==, "Messaging for wrap-up");

  state = load_state (f);
  g_assert_cmpstr (pb_remote_configuration_get_etag (pb_profile_state_get_base (state)), ==, "\"v2\"");
  g_assert_false (pb_profile_state_get_conflict (state));
  g_assert_true (pb_configuration_equal (pb_profile_state_get_draft (state), published));
  g_assert_true (pb_configuration_equal (pb_profile_state_get_saved (state), published));
}

/* A fetch that fails halfway leaves the store as it was. */
static void
test_fetch_rollback (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) remote = remote_org ();
  g_autoptr(PbFetchOutcome) outcome = NULL;
  g_autoptr(PbProfileState) state = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER fail_fetch BEFORE UPDATE OF base_remote_id ON drafts "
                                     "BEGIN SELECT RAISE (ABORT, 'simulated failure'); END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  outcome = pb_store_record_fetch (f->store, f->profile, remote, "\"v1\"", 1, PB_AVAILABILITY_UNKNOWN, NULL,
                                   &error);
  g_assert_null (outcome);
  g_assert_error (error, PB_ERROR, PB_ERROR_STORE_FAILED);

  state = load_state (f);
  g_assert_null (pb_profile_state_get_remote (state));
  g_assert_cmpuint (g_list_model_get_n_items (pb_configuration_get_agent_states (pb_profile_state_get_draft (state))),
                    ==, 0);
  g_assert_cmpuint (n_revisions (f), ==, 0);
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return g_steal_pointer (slot);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) remote = remote_org ();
  g_autoptr(PbRemoteConfiguration) stored = NULL;
  g_autoptr(PbFetchOutcome) outcome = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;
  guint64 generation = 0;
  guint revision = 0;

  g_assert_true (pb_store_get_generation (f->store, f->profile, &generation, &error));

  pb_store_record_fetch_async (f->store, f->profile, remote, "\"a\"", 10, PB_AVAILABILITY_UNAVAILABLE,
                               generation, NULL, result_cb, &slot);
  result = wait_for (&slot);
  outcome = pb_store_record_fetch_finish (f->store, result, &generation, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_fetch_outcome_get_draft (outcome), ==, PB_FETCH_DRAFT_TAKEN);
  g_clear_object (&result);

  stored = pb_remote_configuration_new (remote, "\"b\"", 11);
  pb_store_record_publish_async (f->store, f->profile, remote, stored, NULL, generation, NULL, result_cb, &slot);
  result = wait_for (&slot);
  g_assert_cmpuint (pb_store_record_publish_finish (f->store, result, &generation, &error), ==, 2);
  g_assert_no_error (error);
  g_clear_object (&result);

  pb_store_resolve_conflict_async (f->store, f->profile, TRUE, generation, NULL, result_cb, &slot);
  result = wait_for (&slot);
  g_assert_true (pb_store_resolve_conflict_finish (f->store, result, &revision, &generation, &error));
  g_assert_cmpuint (revision, ==, 0);
  g_clear_object (&result);

  /* Guarded by a stale generation: refused. */
  pb_store_record_fetch_async (f->store, f->profile, remote, "\"c\"", 12, PB_AVAILABILITY_UNKNOWN,
                               generation - 1, NULL, result_cb, &slot);
  result = wait_for (&slot);
  g_assert_null (pb_store_record_fetch_finish (f->store, result, NULL, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_STORE_CHANGED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store-remote/first-fetch", test_first_fetch);
  ADD ("/store-remote/first-fetch-keeps-unsaved-edits", test_first_fetch_keeps_unsaved_edits);
  ADD ("/store-remote/later-fetches", test_later_fetches);
  ADD ("/store-remote/draft-equal-to-remote", test_draft_equal_to_remote);
  ADD ("/store-remote/conflict-edited-away", test_conflict_edited_away);
  ADD ("/store-remote/resolve", test_resolve);
  ADD ("/store-remote/publish", test_publish);
  ADD ("/store-remote/fetch-rollback", test_fetch_rollback);
  ADD ("/store-remote/async", test_async);

#undef ADD

  return g_test_run ();
}
