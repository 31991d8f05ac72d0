/* test-dialogs.c: the diff view, the history dialog and the import dialog,
 * driven through their actions on a real store in the test's own folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pb-core.h"
#include "pb-diff-view.h"
#include "pb-history-dialog.h"
#include "pb-import-dialog.h"
#include "pb-promote-dialog.h"
#include "pb-resources.h"
#include "pb-test-fixtures.h"
#include "pb-test-ui.h"
#include "pb-ui-util.h"

typedef struct
{
  char *dir;
  char *path;
  PbStore *store;
  PbProfile *profile;
  PbSession *session;  /* the window's, for the dialogs that take one */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PbProfile) profile = pb_profile_new ("Sandbox");
  g_autoptr(GError) error = NULL;

  f->dir = pb_test_make_dir ("pb-test-dialogs-XXXXXX");
  f->path = g_build_filename (f->dir, "store.db", NULL);

  f->store = pb_store_open (f->path, &error);
  g_assert_no_error (error);

  f->profile = pb_store_add_profile (f->store, profile, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->profile);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->session != NULL)
    pb_test_finalize_soon (g_steal_pointer (&f->session));
  g_clear_object (&f->profile);
  /* The session's last store calls release the store right after their
   * callbacks, on this thread. */
  pb_test_finalize_soon (g_steal_pointer (&f->store));

  pb_test_remove_tree (f->dir);
  g_assert_false (g_file_test (f->dir, G_FILE_TEST_EXISTS));

  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->path, g_free);
}


/* Configurations */

/* The worked example after an afternoon of edits: Away shows "On a call",
 * "On a call" puts the agent in Busy, revert to last status is on. */
static PbConfiguration *
edited_example (void)
{
  PbConfiguration *config = pb_test_worked_example ();

  pb_configuration_set_state_mapping (config, "away", "On_a_call");
  pb_configuration_set_presence_mapping (config, "On_a_call", "busy");
  pb_configuration_set_revert_to_last_status (config, TRUE);

  return config;
}

/* The edited example against an org that has one more status. */
static PbConfiguration *
extended_example (void)
{
  PbConfiguration *config = edited_example ();
  GListModel *statuses = pb_configuration_get_presence_statuses (config);
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);
  static const char * const messaging[] = { "sfdc_messaging", NULL };

  for (guint i = 0; i < g_list_model_get_n_items (statuses); i++)
    g_ptr_array_add (array, g_list_model_get_item (statuses, i));
  g_ptr_array_add (array, pb_presence_status_new ("Ready_for_Messaging", "Ready for messaging",
                                                  NULL, messaging));
  pb_configuration_set_presence_statuses (config, array);
  pb_configuration_set_presence_mapping (config, "Ready_for_Messaging", "ready");

  return config;
}

static guint
save (Fixture         *f,
      PbConfiguration *config,
      const char      *source,
      const char      *comment)
{
  g_autoptr(GError) error = NULL;
  guint number;

  number = pb_store_save_revision (f->store, f->profile, config, source, comment, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (number, >, 0);

  return number;
}

static PbConfiguration *
load_revision (Fixture *f,
               guint    number)
{
  g_autoptr(GError) error = NULL;
  PbConfiguration *config = pb_store_load_revision (f->store, f->profile, number, &error);

  g_assert_no_error (error);
  g_assert_nonnull (config);
  return config;
}

static PbConfiguration *
load_profile_draft (Fixture   *f,
                    PbProfile *profile)
{
  g_autoptr(GError) error = NULL;
  PbConfiguration *config = pb_store_load_draft (f->store, profile, &error);

  g_assert_no_error (error);
  g_assert_nonnull (config);
  return config;
}

static PbConfiguration *
load_draft (Fixture *f)
{
  return load_profile_draft (f, f->profile);
}

static guint
count_profile_revisions (Fixture   *f,
                         PbProfile *profile)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) revisions = pb_store_list_revisions (f->store, profile, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (revisions);
}

static guint
count_revisions (Fixture *f)
{
  return count_profile_revisions (f, f->profile);
}


/* Driving widgets */

/* Until the dialog's store work is done and its result is on screen. */
static void
wait_until_idle (GtkWidget *dialog)
{
  gboolean busy;

  for (;;)
    {
      g_object_get (dialog, "busy", &busy, NULL);
      if (!busy)
        break;
      g_main_context_iteration (NULL, TRUE);
    }

  pb_test_wait_for_draw (dialog);
}

static void
collect_widgets (GtkWidget *widget,
                 GType      type,
                 GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, found);
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type,
             guint      index)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_widgets (root, type, found);
  g_assert_cmpuint (index, <, found->len);
  return g_ptr_array_index (found, index);
}

static GtkWidget *
find_widget_with_class (GtkWidget  *root,
                        GType       type,
                        const char *css_class)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_widgets (root, type, found);
  for (guint i = 0; i < found->len; i++)
    {
      if (gtk_widget_has_css_class (g_ptr_array_index (found, i), css_class))
        return g_ptr_array_index (found, i);
    }

  g_assert_not_reached ();
}

/* The mapped label whose text contains @text, or NULL. */
static GtkLabel *
find_label (GtkWidget  *root,
            const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (gtk_widget_get_mapped (GTK_WIDGET (label)) &&
          strstr (gtk_label_get_text (label), text) != NULL)
        return label;
    }

  return NULL;
}

/* The rows a diff view shows: its row widgets, keyed by the path of
 * their change. */
static GHashTable *
collect_diff_rows (PbDiffView *view)
{
  g_autoptr(GPtrArray) grids = g_ptr_array_new ();
  GHashTable *rows = g_hash_table_new (g_str_hash, g_str_equal);

  collect_widgets (GTK_WIDGET (view), GTK_TYPE_GRID, grids);
  for (guint i = 0; i < grids->len; i++)
    {
      GtkWidget *grid = g_ptr_array_index (grids, i);
      const char *path = g_object_get_data (G_OBJECT (grid), "path");

      if (path != NULL && gtk_widget_get_mapped (grid))
        g_hash_table_insert (rows, (gpointer) path, grid);
    }

  return rows;
}

static const char *
expected_marker_class (PbChangeKind kind)
{
  switch (kind)
    {
    case PB_CHANGE_ADDED:
      return "success";
    case PB_CHANGE_REMOVED:
      return "error";
    case PB_CHANGE_MODIFIED:
    default:
      return "warning";
    }
}

static const char *
expected_kind_word (PbChangeKind kind)
{
  switch (kind)
    {
    case PB_CHANGE_ADDED:
      return "Added";
    case PB_CHANGE_REMOVED:
      return "Removed";
    case PB_CHANGE_MODIFIED:
    default:
      return "Changed";
    }
}

static const char *
expected_sign (PbChangeKind kind)
{
  switch (kind)
    {
    case PB_CHANGE_ADDED:
      return "+";
    case PB_CHANGE_REMOVED:
      return "−";
    case PB_CHANGE_MODIFIED:
    default:
      return "~";
    }
}

/* The view lists exactly the changes @expected holds, and each row on
 * screen (all of them, in a short list) shows its change, accessibly. */
static void
assert_diff_view_lists (PbDiffView *view,
                        GListModel *expected)
{
  GListModel *shown = pb_diff_view_get_changes (view);
  g_autoptr(GHashTable) rows = NULL;
  guint n_items = g_list_model_get_n_items (expected);
  guint n_rows_checked = 0;

  g_assert_nonnull (shown);
  g_assert_cmpuint (pb_diff_view_get_n_rows (view), ==, n_items);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_items);

  pb_test_wait_for_draw (GTK_WIDGET (view));
  rows = collect_diff_rows (view);
  g_assert_cmpuint (g_hash_table_size (rows), <=, n_items);
  if (n_items <= 5)
    g_assert_cmpuint (g_hash_table_size (rows), ==, n_items);
  else
    g_assert_cmpuint (g_hash_table_size (rows), >=, 5);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PbChange) want = g_list_model_get_item (expected, i);
      g_autoptr(PbChange) got = g_list_model_get_item (shown, i);
      PbChangeKind kind = pb_change_get_kind (want);
      g_autofree char *accessible_label = NULL;
      GtkWidget *row;
      GtkWidget *marker;
      GtkLabel *description;
      GtkWidget *values;

      g_assert_cmpint (pb_change_get_kind (got), ==, kind);
      g_assert_cmpstr (pb_change_get_path (got), ==, pb_change_get_path (want));
      g_assert_cmpstr (pb_change_get_before (got), ==, pb_change_get_before (want));
      g_assert_cmpstr (pb_change_get_after (got), ==, pb_change_get_after (want));
      g_assert_cmpstr (pb_change_get_description (got), ==, pb_change_get_description (want));

      /* Rows are recycled: only those scrolled into view exist. */
      row = g_hash_table_lookup (rows, pb_change_get_path (want));
      if (row == NULL)
        continue;
      n_rows_checked++;

      description = g_object_get_data (G_OBJECT (row), "description");
      g_assert_cmpstr (gtk_label_get_text (description), ==, pb_change_get_description (want));

      /* The kind is in the marker's sign, not only in its colour. */
      marker = g_object_get_data (G_OBJECT (row), "marker");
      g_assert_true (gtk_widget_has_css_class (marker, expected_marker_class (kind)));
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (marker)), ==, expected_sign (kind));

      /* Said once: the values only for a change of value, the file path
       * only in the tooltip. */
      values = g_object_get_data (G_OBJECT (row), "values");
      g_assert_cmpint (gtk_widget_get_visible (values), ==, kind == PB_CHANGE_MODIFIED &&
                       (pb_change_get_before (want) != NULL || pb_change_get_after (want) != NULL));
      g_assert_cmpstr (pb_ui_get_tooltip (row), ==, pb_change_get_path (want));
      g_assert_null (find_label (row, pb_change_get_path (want)));

      accessible_label = g_strdup_printf ("%s: %s", expected_kind_word (kind),
                                          pb_change_get_description (want));
      gtk_test_accessible_assert_role (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_ROLE_GROUP);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                           accessible_label);
      gtk_test_accessible_assert_role (GTK_ACCESSIBLE (gtk_widget_get_parent (row)),
                                       GTK_ACCESSIBLE_ROLE_LIST_ITEM);
    }

  /* Every row on screen stands for one change (no stale recycled row). */
  g_assert_cmpuint (n_rows_checked, ==, g_hash_table_size (rows));
}

/* The view lists exactly pb_diff_configurations (@before, @after). */
static void
assert_diff_view_shows (PbDiffView      *view,
                        PbConfiguration *before,
                        PbConfiguration *after)
{
  g_autoptr(GListModel) expected = pb_diff_configurations (before, after);

  assert_diff_view_lists (view, expected);
}

/* Whether the dialog under test (one per test) has been finalized: its
 * qdata is only released then, so a dialog kept alive by a stray reference
 * (a task, a signal handler) fails the test. */
static gboolean dialog_finalized;

static void
set_dialog_finalized (gpointer data)
{
  dialog_finalized = TRUE;
}

static void
watch_finalize (GtkWidget *dialog)
{
  dialog_finalized = FALSE;
  g_object_set_data_full (G_OBJECT (dialog), "pb-test-finalize-probe",
                          GINT_TO_POINTER (1), set_dialog_finalized);
}

static gboolean
wake_up (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
wait_until_finalized (void)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint ticker = g_timeout_add (50, wake_up, NULL);

  while (!dialog_finalized && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (ticker);
  g_assert_true (dialog_finalized);
}

/* The message dialog @parent shows, or NULL. */
static AdwMessageDialog *
find_message_dialog (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) &&
          gtk_window_get_transient_for (window) == parent &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static void
uint_signal_cb (GtkWidget *dialog,
                guint      number,
                gpointer   user_data)
{
  guint *out = user_data;

  *out = number;
}

/* What "imported" and "promoted" say was recorded. */
typedef struct
{
  guint revision;
  char *profile_name;
} RecordedResult;

static void
recorded_cb (GtkWidget      *dialog,
             guint           revision,
             const char     *profile_name,
             RecordedResult *result)
{
  result->revision = revision;
  g_free (result->profile_name);
  result->profile_name = g_strdup (profile_name);
}


/* The diff view */

static void
test_diff_view_rows (void)
{
  g_autoptr(PbConfiguration) before = pb_test_worked_example ();
  g_autoptr(PbConfiguration) after = extended_example ();
  g_autoptr(GListModel) changes = pb_diff_configurations (before, after);
  g_autoptr(GListModel) none = G_LIST_MODEL (g_list_store_new (PB_TYPE_CHANGE));
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = pb_diff_view_new ();
  GtkWidget *status_page;

  gtk_window_set_default_size (GTK_WINDOW (window), 640, 480);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));

  /* Nothing compared yet: neither rows nor "No differences". */
  pb_test_wait_for_draw (window);
  g_assert_cmpuint (pb_diff_view_get_n_rows (PB_DIFF_VIEW (view)), ==, 0);
  g_assert_null (find_label (view, "No Differences"));

  g_assert_cmpuint (g_list_model_get_n_items (changes), >=, 4);
  g_object_set (view, "changes", changes, NULL);
  assert_diff_view_shows (PB_DIFF_VIEW (view), before, after);
  g_assert_null (find_label (view, "No Differences"));
  pb_test_save_screenshot (window, "diff-view");

  /* Every kind of change is there, added (the new status) included. */
  {
    gboolean seen[3] = { FALSE, FALSE, FALSE };

    for (guint i = 0; i < g_list_model_get_n_items (changes); i++)
      {
        g_autoptr(PbChange) change = g_list_model_get_item (changes, i);
        seen[pb_change_get_kind (change)] = TRUE;
      }
    g_assert_true (seen[PB_CHANGE_ADDED]);
    g_assert_true (seen[PB_CHANGE_MODIFIED]);
  }

  /* Going back shows a removal. */
  {
    g_autoptr(GListModel) back = pb_diff_configurations (after, before);

    pb_diff_view_set_changes (PB_DIFF_VIEW (view), back);
    assert_diff_view_shows (PB_DIFF_VIEW (view), after, before);
  }

  pb_diff_view_set_changes (PB_DIFF_VIEW (view), none);
  pb_test_wait_for_draw (window);
  g_assert_cmpuint (pb_diff_view_get_n_rows (PB_DIFF_VIEW (view)), ==, 0);
  g_assert_nonnull (find_label (view, "No Differences"));
  status_page = find_widget (view, ADW_TYPE_STATUS_PAGE, 0);
  g_assert_true (gtk_widget_get_mapped (status_page));
  {
    g_autoptr(GHashTable) rows = collect_diff_rows (PB_DIFF_VIEW (view));
    g_assert_cmpuint (g_hash_table_size (rows), ==, 0);
  }

  g_object_ref (view);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (view);
}


/* The history dialog */

/* The profile as a window has it open: what it has in the store now. */
static PbSession *
open_session (Fixture *f)
{
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (f->session);
  f->session = pb_session_new (f->store, f->profile);
  pb_session_load_async (f->session, NULL, pb_test_result_cb, &slot);
  result = pb_test_wait_result (&slot);
  g_assert_true (pb_session_load_finish (f->session, result, &error));
  g_assert_no_error (error);

  return f->session;
}

static GtkWidget *
open_history (Fixture *f)
{
  GtkWidget *dialog = pb_history_dialog_new (NULL, open_session (f));

  watch_finalize (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_until_idle (dialog);

  return dialog;
}

static void
test_history_compare (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PbConfiguration) first = pb_test_worked_example ();
  g_autoptr(PbConfiguration) second = edited_example ();
  g_autoptr(PbConfiguration) third = extended_example ();
  g_autoptr(PbConfiguration) rev1 = NULL;
  g_autoptr(PbConfiguration) rev2 = NULL;
  g_autoptr(PbConfiguration) rev3 = NULL;
  g_autoptr(PbConfiguration) draft = NULL;
  GtkWidget *dialog;
  GtkDropDown *compare;
  PbDiffView *view;

  save (f, first, PB_REVISION_SOURCE_SAVE, "Worked example");
  save (f, second, PB_REVISION_SOURCE_SAVE, "Away shows On a call");
  save (f, third, PB_REVISION_SOURCE_IMPORT, "Imported from production.json");
  rev1 = load_revision (f, 1);
  rev2 = load_revision (f, 2);
  rev3 = load_revision (f, 3);

  /* An unsaved edit in the draft, to compare against. */
  draft = pb_configuration_copy (third);
  pb_configuration_set_state_mapping (draft, "wrap", "Ready_for_Cases");
  g_assert_true (pb_store_save_draft (f->store, f->profile, draft, NULL, NULL));
  g_clear_object (&draft);
  draft = load_draft (f);

  dialog = open_history (f);
  view = pb_history_dialog_get_diff_view (PB_HISTORY_DIALOG (dialog));

  /* Newest first, each with its number, translated source, and comment. */
  {
    GtkLabel *newest = find_label (dialog, "Revision 3");
    GtkLabel *oldest = find_label (dialog, "Revision 1");

    g_assert_nonnull (newest);
    g_assert_nonnull (oldest);
    g_assert_nonnull (find_label (dialog, "Imported from production.json"));
    g_assert_nonnull (find_label (dialog, "Away shows On a call"));
    g_assert_nonnull (find_label (dialog, "Imported"));
    g_assert_nonnull (find_label (dialog, "Saved"));
  }

  /* The accessible rows say what they are. */
  {
    g_autoptr(PbRevision) revision = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GListModel) revisions = pb_store_list_revisions (f->store, f->profile, &error);
    GtkWidget *list = find_widget_with_class (dialog, GTK_TYPE_LIST_VIEW, "navigation-sidebar");
    GtkWidget *row = gtk_widget_get_first_child (list);
    g_autoptr(GDateTime) local = NULL;
    g_autofree char *time = NULL;
    g_autofree char *expected = NULL;

    g_assert_no_error (error);
    revision = g_list_model_get_item (revisions, 0);
    g_assert_cmpuint (pb_revision_get_number (revision), ==, 3);
    local = g_date_time_to_local (pb_revision_get_time (revision));
    time = g_date_time_format (local, "%-d %b %Y, %H:%M");
    expected = g_strdup_printf ("Revision 3, Imported, %s", time);

    gtk_test_accessible_assert_role (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_ROLE_LIST);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, "Revisions");
    gtk_test_accessible_assert_role (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_ROLE_LIST_ITEM);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (row)),
                                         GTK_ACCESSIBLE_PROPERTY_LABEL, expected);
  }

  /* The newest is selected and shows what it changed since the one before. */
  assert_diff_view_shows (view, rev2, rev3);
  g_assert_nonnull (find_label (dialog, "from revision 2 to revision 3"));
  pb_test_save_screenshot (dialog, "history-dialog");

  pb_history_dialog_select_revision (PB_HISTORY_DIALOG (dialog), 2);
  wait_until_idle (dialog);
  assert_diff_view_shows (view, rev1, rev2);

  /* The oldest has nothing before it: it is compared with the draft. */
  pb_history_dialog_select_revision (PB_HISTORY_DIALOG (dialog), 1);
  wait_until_idle (dialog);
  assert_diff_view_shows (view, draft, rev1);

  /* Any other side can be picked: entry 0 is the current draft, then the
   * other revisions newest first (3, 2). */
  compare = GTK_DROP_DOWN (find_widget (dialog, GTK_TYPE_DROP_DOWN, 0));
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (compare), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                       find_label (dialog, "Compared with"), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (compare)), ==, 3);
  gtk_drop_down_set_selected (compare, 1);
  wait_until_idle (dialog);
  assert_diff_view_shows (view, rev3, rev1);

  pb_history_dialog_select_revision (PB_HISTORY_DIALOG (dialog), 3);
  wait_until_idle (dialog);
  gtk_drop_down_set_selected (compare, 0);
  wait_until_idle (dialog);
  assert_diff_view_shows (view, draft, rev3);

  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_until_finalized ();
}

/* The focus starts on the selected revision; Tab passes the list without
 * selecting each revision on its way. */
static void
test_history_keyboard (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PbConfiguration) first = pb_test_worked_example ();
  g_autoptr(PbConfiguration) second = edited_example ();
  g_autoptr(PbConfiguration) third = extended_example ();
  GtkWidget *dialog;
  GtkWidget *list;
  GtkSingleSelection *selection;
  guint selected;

  save (f, first, PB_REVISION_SOURCE_SAVE, NULL);
  save (f, second, PB_REVISION_SOURCE_SAVE, NULL);
  save (f, third, PB_REVISION_SOURCE_SAVE, NULL);
  dialog = open_history (f);

  list = GTK_WIDGET (gtk_widget_get_template_child (dialog, PB_TYPE_HISTORY_DIALOG, "revision_list"));
  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  selected = gtk_single_selection_get_selected (selection);
  g_assert_cmpuint (selected, !=, GTK_INVALID_LIST_POSITION);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (dialog)), list));

  g_assert_true (pb_test_press_key (list, GDK_KEY_Tab, 0));
  g_assert_false (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (dialog)), list));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, selected);

  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_until_finalized ();
}

static void
test_history_restore (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PbConfiguration) first = pb_test_worked_example ();
  g_autoptr(PbConfiguration) second = edited_example ();
  g_autoptr(PbConfiguration) draft = NULL;
  AdwMessageDialog *confirmation;
  GtkWidget *dialog;
  guint restored = 0;

  save (f, first, PB_REVISION_SOURCE_SAVE, NULL);
  save (f, second, PB_REVISION_SOURCE_SAVE, NULL);

  dialog = open_history (f);
  g_signal_connect (dialog, "restored", G_CALLBACK (uint_signal_cb), &restored);
  pb_history_dialog_select_revision (PB_HISTORY_DIALOG (dialog), 1);
  wait_until_idle (dialog);

  /* Asked first; cancelling changes nothing. */
  g_assert_true (gtk_widget_activate_action (dialog, "history.restore", NULL));
  confirmation = find_message_dialog (GTK_WINDOW (dialog));
  g_assert_nonnull (confirmation);
  g_assert_cmpstr (adw_message_dialog_get_heading (confirmation), ==, "Restore Revision 1 as the Draft?");
  pb_test_save_screenshot (GTK_WIDGET (confirmation), "history-restore-confirmation");
  adw_message_dialog_response (confirmation, "cancel");
  gtk_window_destroy (GTK_WINDOW (confirmation));
  wait_until_idle (dialog);
  g_assert_cmpuint (restored, ==, 0);
  g_assert_cmpuint (count_revisions (f), ==, 2);

  g_assert_true (gtk_widget_activate_action (dialog, "history.restore", NULL));
  confirmation = find_message_dialog (GTK_WINDOW (dialog));
  g_assert_nonnull (confirmation);
  adw_message_dialog_response (confirmation, "restore");
  gtk_window_destroy (GTK_WINDOW (confirmation));

  wait_until_finalized ();

  /* Recorded as revision 3, the draft is revision 1 again, the dialog closed. */
  g_assert_cmpuint (restored, ==, 3);
  g_assert_cmpuint (count_revisions (f), ==, 3);
  draft = load_draft (f);
  g_assert_true (pb_configuration_mapping_equal (draft, first));
  g_assert_false (pb_configuration_mapping_equal (draft, second));
}

static void
test_history_restore_error (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(PbConfiguration) first = pb_test_worked_example ();
  g_autoptr(PbConfiguration) second = edited_example ();
  g_autoptr(PbConfiguration) draft = NULL;
  AdwMessageDialog *message;
  GtkWidget *dialog;
  guint restored = 0;
  sqlite3 *db = NULL;

  save (f, first, PB_REVISION_SOURCE_SAVE, NULL);
  save (f, second, PB_REVISION_SOURCE_SAVE, NULL);

  dialog = open_history (f);
  g_signal_connect (dialog, "restored", G_CALLBACK (uint_signal_cb), &restored);
  pb_history_dialog_select_revision (PB_HISTORY_DIALOG (dialog), 1);
  wait_until_idle (dialog);

  /* Another process makes the store refuse new revisions. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TRIGGER refuse BEFORE INSERT ON revisions "
                                 "BEGIN SELECT RAISE (ABORT, 'refused by the test'); END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_true (gtk_widget_activate_action (dialog, "history.restore", NULL));
  adw_message_dialog_response (find_message_dialog (GTK_WINDOW (dialog)), "restore");
  gtk_window_destroy (GTK_WINDOW (find_message_dialog (GTK_WINDOW (dialog))));
  wait_until_idle (dialog);

  /* Explained; nothing recorded; the dialog stays for another try. */
  message = find_message_dialog (GTK_WINDOW (dialog));
  g_assert_nonnull (message);
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Could Not Restore the Revision");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "refused by the test"));
  g_assert_cmpuint (restored, ==, 0);
  g_assert_true (gtk_widget_get_visible (dialog));
  gtk_window_destroy (GTK_WINDOW (message));

  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER refuse", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpuint (count_revisions (f), ==, 2);
  draft = load_draft (f);
  g_assert_true (pb_configuration_mapping_equal (draft, second));

  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_until_finalized ();
}

/* Down to 360 px the list and the comparison take turns; dark style too. */
static void
test_history_narrow (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PbConfiguration) first = pb_test_worked_example ();
  g_autoptr(PbConfiguration) second = edited_example ();
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  GtkWidget *dialog;
  GtkWidget *list;
  AdwLeaflet *leaflet;

  save (f, first, PB_REVISION_SOURCE_SAVE, "Worked example");
  save (f, second, PB_REVISION_SOURCE_SAVE, "Away shows On a call");

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);

  dialog = pb_history_dialog_new (NULL, open_session (f));
  watch_finalize (dialog);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 360, 600);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_until_idle (dialog);

  leaflet = ADW_LEAFLET (find_widget (dialog, ADW_TYPE_LEAFLET, 0));
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_cmpint (gtk_widget_get_width (dialog), <=, 360);
  list = find_widget_with_class (dialog, GTK_TYPE_LIST_VIEW, "navigation-sidebar");
  g_assert_true (gtk_widget_get_mapped (list));
  pb_test_save_screenshot (dialog, "history-narrow-list");

  /* Activating a revision (Enter) shows its comparison, Back the list. */
  g_signal_emit_by_name (list, "activate", 1);
  pb_test_wait_for_draw (dialog);
  g_assert_false (gtk_widget_get_mapped (list));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (pb_history_dialog_get_diff_view (PB_HISTORY_DIALOG (dialog)))));
  pb_test_save_screenshot (dialog, "history-narrow-comparison-dark");

  {
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
    GtkWidget *back = NULL;

    collect_widgets (dialog, GTK_TYPE_BUTTON, buttons);
    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_button_get_icon_name (g_ptr_array_index (buttons, i)), "go-previous-symbolic") == 0)
        back = g_ptr_array_index (buttons, i);
    g_assert_nonnull (back);
    g_assert_true (gtk_widget_get_mapped (back));
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (back), GTK_ACCESSIBLE_PROPERTY_LABEL, "Back");
    g_signal_emit_by_name (back, "clicked");
  }
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == gtk_widget_get_ancestor (list, GTK_TYPE_BOX));

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_until_finalized ();
}

static void
test_history_empty (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *dialog = open_history (f);


  g_assert_nonnull (find_label (dialog, "No Saved Revisions Yet"));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (pb_history_dialog_get_diff_view (PB_HISTORY_DIALOG (dialog)))));
  /* Nothing to restore. */
  g_assert_false (gtk_widget_activate_action (dialog, "history.restore", NULL) &&
                  find_message_dialog (GTK_WINDOW (dialog)) != NULL);
  pb_test_save_screenshot (dialog, "history-empty");

  /* What Escape is bound to. */
  g_assert_true (gtk_widget_activate_action (dialog, "window.close", NULL));
  wait_until_finalized ();
}


/* The import dialog */

static GtkWidget *
open_import_sized (Fixture         *f,
                   const char      *profile_name,
                   PbConfiguration *imported,
                   const char      *file_name,
                   int              height)
{
  GtkWidget *dialog = pb_import_dialog_new (NULL, f->store, NULL, profile_name, imported, file_name);

  watch_finalize (dialog);
  if (height > 0)
    gtk_window_set_default_size (GTK_WINDOW (dialog), -1, height);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_until_idle (dialog);

  return dialog;
}

static GtkWidget *
open_import (Fixture         *f,
             const char      *profile_name,
             PbConfiguration *imported,
             const char      *file_name)
{
  return open_import_sized (f, profile_name, imported, file_name, -1);
}

static void
test_import_changes (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PbConfiguration) first = pb_test_worked_example ();
  g_autoptr(PbConfiguration) imported = edited_example ();
  g_autoptr(PbConfiguration) landing = NULL;
  g_autoptr(PbConfiguration) draft = NULL;
  g_autoptr(PbRevision) newest = NULL;
  g_autoptr(GListModel) revisions = NULL;
  RecordedResult result = { 0, NULL };
  GtkWidget *dialog;

  save (f, first, PB_REVISION_SOURCE_SAVE, NULL);
  landing = pb_store_prepare_import (f->store, f->profile, imported, NULL);
  g_assert_nonnull (landing);

  dialog = open_import (f, "Sandbox", imported, "edited.config.json");
  g_signal_connect (dialog, "imported", G_CALLBACK (recorded_cb), &result);

  g_assert_nonnull (find_label (dialog, "Import “edited.config.json” into “Sandbox”"));
  g_assert_null (find_label (dialog, "already has this configuration"));
  g_assert_null (find_label (dialog, "error"));
  /* The lists are the same: no second list of differences. */
  g_assert_false (gtk_widget_get_mapped (find_widget (dialog, PB_TYPE_DIFF_VIEW, 1)));

  draft = load_draft (f);
  assert_diff_view_shows (pb_import_dialog_get_diff_view (PB_IMPORT_DIALOG (dialog)), draft, landing);
  g_assert_cmpuint (pb_diff_view_get_n_rows (pb_import_dialog_get_diff_view (PB_IMPORT_DIALOG (dialog))), >, 0);
  pb_test_save_screenshot (dialog, "import-dialog");

  /* Nothing written yet. */
  g_assert_cmpuint (count_revisions (f), ==, 1);

  /* Import, the default, has the focus: Enter imports. */
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (dialog));

    g_assert_true (GTK_IS_BUTTON (focus));
    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (focus)), ==, "_Import");
    g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (dialog)) == focus);
    g_assert_true (pb_test_activate_binding (focus, GDK_KEY_Return, 0));
  }
  wait_until_finalized ();

  g_assert_cmpuint (result.revision, ==, 2);
  g_assert_cmpstr (result.profile_name, ==, "Sandbox");
  g_clear_pointer (&result.profile_name, g_free);

  revisions = pb_store_list_revisions (f->store, f->profile, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (revisions), ==, 2);
  newest = g_list_model_get_item (revisions, 0);
  g_assert_cmpuint (pb_revision_get_number (newest), ==, 2);
  g_assert_cmpstr (pb_revision_get_source (newest), ==, PB_REVISION_SOURCE_IMPORT);
  g_assert_cmpstr (pb_revision_get_comment (newest), ==, "Imported from edited.config.json");

  g_clear_object (&draft);
  draft = load_draft (f);
  g_assert_true (pb_configuration_mapping_equal (draft, imported));
}

static void
test_import_no_differences (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(PbConfiguration) first = pb_test_worked_example ();
  g_autoptr(PbConfiguration) imported = pb_test_worked_example ();
  RecordedResult result = { 0, NULL };
  AdwEntryRow *comment;
  GtkWidget *dialog;

  save (f, first, PB_REVISION_SOURCE_SAVE, NULL);

  dialog = open_import (f, NULL, imported, "same.config.json");
  g_signal_connect (dialog, "imported", G_CALLBACK (recorded_cb), &result);

  /* The default profile is the target; nothing differs, and it says so. */
  g_assert_nonnull (find_label (dialog, "Import “same.config.json” into “Sandbox”"));
  g_assert_cmpuint (pb_diff_view_get_n_rows (pb_import_dialog_get_diff_view (PB_IMPORT_DIALOG (dialog))), ==, 0);
  g_assert_nonnull (find_label (dialog, "No Differences"));
  g_assert_nonnull (find_label (dialog, "already has this configuration"));
  pb_test_save_screenshot (dialog, "import-no-differences");

  /* Still importable: it records a revision, with the comment typed. */
  comment = ADW_ENTRY_ROW (find_widget (dialog, ADW_TYPE_ENTRY_ROW, 0));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (comment)), ==, "Imported from same.config.json");
  gtk_editable_set_text (GTK_EDITABLE (comment), "Checked against production");
  g_assert_true (gtk_widget_activate_action (dialog, "import.apply", NULL));
  wait_until_finalized ();

  g_assert_cmpuint (result.revision, ==, 2);
  g_assert_cmpstr (result.profile_name, ==, "Sandbox");
  g_clear_pointer (&result.profile_name, g_free);
  g_assert_cmpuint (count_revisions (f), ==, 2);
  {
    g_autoptr(GListModel) revisions = pb_store_list_revisions (f->store, f->profile, NULL);
    g_autoptr(PbRevision) newest = g_list_model_get_item (revisions, 0);

    g_assert_cmpstr (pb_revision_get_comment (newest), ==, "Checked against production");
  }
}

static void
test_import_with_errors (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(PbConfiguration) imported = pb_test_worked_example ();
  g_autoptr(PbConfiguration) empty = pb_configuration_new ();
  g_autoptr(GListModel) findings = NULL;
  RecordedResult result = { 0, NULL };
  g_autofree char *expected = NULL;
  GtkWidget *dialog;
  guint n_errors;

  /* Two majors without a presence. */
  pb_configuration_unset_state_mapping (imported, "away");
  pb_configuration_unset_state_mapping (imported, "wrap");
  findings = pb_checks_run (imported);
  n_errors = pb_checks_count (findings, PB_SEVERITY_ERROR);
  g_assert_cmpuint (n_errors, >=, 2);

  /* A profile that has nothing yet, and a new one by name. */
  dialog = open_import (f, "Production", imported, "broken.config.json");
  g_signal_connect (dialog, "imported", G_CALLBACK (recorded_cb), &result);

  g_assert_nonnull (find_label (dialog, "Import “broken.config.json” into the new profile “Production”"));
  expected = g_strdup_printf ("This configuration has %u errors.", n_errors);
  g_assert_nonnull (find_label (dialog, expected));
  assert_diff_view_shows (pb_import_dialog_get_diff_view (PB_IMPORT_DIALOG (dialog)), empty, imported);
  pb_test_save_screenshot (dialog, "import-with-errors");

  pb_import_dialog_apply (PB_IMPORT_DIALOG (dialog));
  wait_until_finalized ();

  g_assert_cmpuint (result.revision, ==, 1);
  g_assert_cmpstr (result.profile_name, ==, "Production");
  g_clear_pointer (&result.profile_name, g_free);

  {
    g_autoptr(PbProfile) production = pb_store_lookup_profile (f->store, "Production", NULL);
    g_autoptr(PbConfiguration) draft = NULL;

    g_assert_nonnull (production);
    draft = pb_store_load_draft (f->store, production, NULL);
    g_assert_true (pb_configuration_mapping_equal (draft, imported));
  }
}

static void
test_import_fetched_lists (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(PbConfiguration) fetched = pb_test_worked_example ();
  g_autoptr(PbConfiguration) imported = extended_example ();
  g_autoptr(PbConfiguration) landing = NULL;
  g_autoptr(PbConfiguration) draft = NULL;
  g_autoptr(GListModel) file_changes = NULL;
  GtkWidget *dialog;
  PbDiffView *lists;
  guint n_list_changes = 0;

  /* The org's lists are the truth: the import takes the file's mapping only. */
  save (f, fetched, PB_REVISION_SOURCE_FETCH, NULL);
  landing = pb_store_prepare_import (f->store, f->profile, imported, NULL);
  g_assert_nonnull (landing);
  g_assert_null (pb_configuration_lookup_presence (landing, "Ready_for_Messaging"));

  /* Tall enough for both lists to show every row. */
  dialog = open_import_sized (f, "Sandbox", imported, "production.config.json", 900);
  draft = load_draft (f);
  assert_diff_view_shows (pb_import_dialog_get_diff_view (PB_IMPORT_DIALOG (dialog)), draft, landing);

  /* The file's extra status is shown all the same, before anything is written. */
  lists = PB_DIFF_VIEW (find_widget (dialog, PB_TYPE_DIFF_VIEW, 1));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (lists)));
  file_changes = pb_diff_configurations (landing, imported);
  for (guint i = 0; i < g_list_model_get_n_items (file_changes); i++)
    {
      g_autoptr(PbChange) change = g_list_model_get_item (file_changes, i);

      if (g_str_has_prefix (pb_change_get_path (change), "presenceStatuses") ||
          g_str_has_prefix (pb_change_get_path (change), "agentStates"))
        n_list_changes++;
    }
  g_assert_cmpuint (n_list_changes, >, 0);
  g_assert_cmpuint (pb_diff_view_get_n_rows (lists), ==, n_list_changes);
  g_assert_nonnull (find_label (GTK_WIDGET (lists), "Ready for messaging"));
  pb_test_save_screenshot (dialog, "import-fetched-lists");

  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_until_finalized ();
  g_assert_cmpuint (count_revisions (f), ==, 1);
}

static void
test_import_failure (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PbConfiguration) first = pb_test_worked_example ();
  g_autoptr(PbConfiguration) imported = edited_example ();
  g_autoptr(PbConfiguration) draft = NULL;
  RecordedResult result = { 0, NULL };
  AdwMessageDialog *message;
  GtkWidget *dialog;
  sqlite3 *db = NULL;

  save (f, first, PB_REVISION_SOURCE_SAVE, NULL);

  dialog = open_import (f, "Sandbox", imported, "edited.config.json");
  g_signal_connect (dialog, "imported", G_CALLBACK (recorded_cb), &result);

  /* Another process makes the store refuse new revisions. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TRIGGER refuse BEFORE INSERT ON revisions "
                                 "BEGIN SELECT RAISE (ABORT, 'refused by the test'); END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  pb_import_dialog_apply (PB_IMPORT_DIALOG (dialog));
  wait_until_idle (dialog);

  /* Explained, the dialog stays, nothing was signalled. */
  message = find_message_dialog (GTK_WINDOW (dialog));
  g_assert_nonnull (message);
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Could Not Import");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "refused by the test"));
  g_assert_true (gtk_widget_get_visible (dialog));
  g_assert_cmpuint (result.revision, ==, 0);
  pb_test_save_screenshot (GTK_WIDGET (message), "import-failure");
  gtk_window_destroy (GTK_WINDOW (message));

  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER refuse", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  /* The store is as it was: one revision, the old draft. */
  g_assert_cmpuint (count_revisions (f), ==, 1);
  draft = load_draft (f);
  g_assert_true (pb_configuration_mapping_equal (draft, first));

  /* And the import can be tried again. */
  g_assert_true (gtk_widget_activate_action (dialog, "import.apply", NULL));
  wait_until_finalized ();
  g_assert_cmpuint (result.revision, ==, 2);
  g_clear_pointer (&result.profile_name, g_free);
}

/* The promote dialog */

/* The worked example as production has it: "Taking notes" is missing,
 * Wrap up has another id there, Training is called Coaching (under
 * another id too), the record Ids are production's, and the mapping is
 * its own. */
static PbConfiguration *
production_example (void)
{
  g_autoptr(PbConfiguration) example = pb_test_worked_example ();
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) statuses = g_ptr_array_new_with_free_func (g_object_unref);
  PbConfiguration *config = pb_configuration_new ();
  GListModel *model;

  model = pb_configuration_get_agent_states (example);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PbAgentState) state = g_list_model_get_item (model, i);
      const char *id = pb_agent_state_get_id (state);

      if (g_str_equal (id, "wrap"))
        g_ptr_array_add (states, pb_agent_state_new ("wrapup", "Wrap up", NULL));
      else if (g_str_equal (id, "away.training"))
        g_ptr_array_add (states, pb_agent_state_new ("away.coaching", "Coaching", "away"));
      else
        g_ptr_array_add (states, g_steal_pointer (&state));
    }

  model = pb_configuration_get_presence_statuses (example);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PbPresenceStatus) status = g_list_model_get_item (model, i);
      g_autofree char *record_id = g_strdup_printf ("0N5PROD0000000000%u", i);

      if (!g_str_equal (pb_presence_status_get_api_name (status), "Taking_notes"))
        g_ptr_array_add (statuses, pb_presence_status_new (pb_presence_status_get_api_name (status),
                                                           pb_presence_status_get_label (status), record_id,
                                                           pb_presence_status_get_channels (status)));
    }

  pb_configuration_set_agent_states (config, states);
  pb_configuration_set_presence_statuses (config, statuses);
  pb_configuration_set_org (config, "00DPROD", "Production", FALSE);
  pb_configuration_set_presence_mapping (config, "Ready_for_Cases", "ready");
  pb_configuration_set_presence_mapping (config, "On_a_call", "busy");
  pb_configuration_set_state_mapping (config, "ready", "Ready_for_Cases");
  pb_configuration_set_state_mapping (config, "ready_offline", NULL);
  pb_configuration_set_state_mapping (config, "busy", "On_a_call");
  pb_configuration_set_state_mapping (config, "wrapup", "On_a_call");
  pb_configuration_set_state_mapping (config, "away", "Away_from_desk_temporary");
  pb_configuration_set_state_mapping (config, "logged_out", NULL);

  return config;
}

/* A profile named @name whose lists are @config (fetched), or none (NULL). */
static PbProfile *
add_target (Fixture         *f,
            const char      *name,
            PbConfiguration *config)
{
  PbProfile *profile = pb_test_add_profile (f->store, name);

  if (config != NULL)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpuint (pb_store_save_revision (f->store, profile, config, PB_REVISION_SOURCE_FETCH, NULL, NULL,
                                                &error), ==, 1);
      g_assert_no_error (error);
    }

  return profile;
}

/* The source: the fixture's "Sandbox", whose draft is the edited example
 * (what the window would pass: its draft, flushed). */
static PbConfiguration *
sandbox_draft (Fixture *f)
{
  g_autoptr(PbConfiguration) edited = edited_example ();

  save (f, edited, PB_REVISION_SOURCE_SAVE, NULL);
  return load_draft (f);
}

static GtkWidget *
open_promote_sized (Fixture         *f,
                    PbConfiguration *from_draft,
                    int              width,
                    int              height)
{
  GtkWidget *dialog = pb_promote_dialog_new (NULL, f->store, f->profile, from_draft);

  watch_finalize (dialog);
  if (width > 0 || height > 0)
    gtk_window_set_default_size (GTK_WINDOW (dialog), width, height);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_until_idle (dialog);

  return dialog;
}

static GtkWidget *
open_promote (Fixture         *f,
              PbConfiguration *from_draft)
{
  return open_promote_sized (f, from_draft, -1, -1);
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0)
      return g_ptr_array_index (buttons, i);

  g_assert_not_reached ();
}

static GtkWidget *
promote_child (GtkWidget  *dialog,
               const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (dialog, PB_TYPE_PROMOTE_DIALOG, name));
}

static void
test_promote_unmatched (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PbConfiguration) from_draft = sandbox_draft (f);
  g_autoptr(PbConfiguration) production = production_example ();
  g_autoptr(PbProfile) target = add_target (f, "Production", production);
  g_autoptr(PbConfiguration) to_draft = load_profile_draft (f, target);
  g_autoptr(PbPromotion) expected = pb_promotion_new (from_draft, to_draft);
  g_autoptr(GListModel) findings = pb_checks_run (pb_promotion_get_result (expected));
  GListModel *unmatched = pb_promotion_get_unmatched (expected);
  g_autofree char *counts = NULL;
  g_autofree char *errors = NULL;
  PbDiffView *unmatched_view;
  GtkDropDown *drop_down;
  GtkWidget *dialog;

  /* Tall enough for both lists to show every row. */
  dialog = open_promote_sized (f, from_draft, 680, 1000);
  unmatched_view = pb_promote_dialog_get_unmatched_view (PB_PROMOTE_DIALOG (dialog));
  pb_test_save_screenshot (dialog, "promote-dialog");

  /* The only other profile is the target, chosen already. */
  drop_down = GTK_DROP_DOWN (promote_child (dialog, "target_drop_down"));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (drop_down)), ==, 1);
  g_assert_cmpuint (gtk_drop_down_get_selected (drop_down), ==, 0);
  g_assert_cmpstr (pb_profile_get_name (gtk_drop_down_get_selected_item (drop_down)), ==, "Production");
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                       find_label (dialog, "Promote to"), NULL);
  g_assert_nonnull (find_label (dialog, "Promote “Sandbox” to “Production”"));

  /* Taking notes is missing, Wrap up matched by name, Training not. */
  g_assert_cmpuint (pb_promotion_get_n_matched_statuses (expected), ==, 4);
  g_assert_cmpuint (pb_promotion_get_n_matched_states (expected), ==, 12);
  counts = g_strdup_printf ("4 presence statuses and 12 agent states matched; %u things did not match.",
                            g_list_model_get_n_items (unmatched));
  g_assert_nonnull (find_label (dialog, counts));

  /* What did not match: the core's sentences, "the target" named above them. */
  assert_diff_view_lists (unmatched_view, unmatched);
  g_assert_nonnull (find_label (dialog, "What Did Not Match"));
  g_assert_nonnull (find_label (dialog, "“the target” is “Production”"));
  {
    static const struct { PbChangeKind kind; const char *path; const char *words; } items[] = {
      { PB_CHANGE_REMOVED, "presenceStatuses[apiName=Taking_notes]", "no presence status “Taking notes”" },
      { PB_CHANGE_MODIFIED, "agentStates[id=wrap]", "has the id “wrapup” in the target: matched by name" },
      { PB_CHANGE_REMOVED, "agentStates[id=away.training]", "no agent state Away › Training" },
      { PB_CHANGE_ADDED, "agentStates[id=away.coaching]", "Away › Coaching is only in the target" },
    };
    g_autoptr(GHashTable) rows = collect_diff_rows (unmatched_view);

    for (guint i = 0; i < G_N_ELEMENTS (items); i++)
      {
        GtkWidget *row = g_hash_table_lookup (rows, items[i].path);
        GtkLabel *description;

        g_assert_nonnull (row);
        description = g_object_get_data (G_OBJECT (row), "description");
        if (strstr (gtk_label_get_text (description), items[i].words) == NULL)
          g_error ("“%s” does not say “%s”", gtk_label_get_text (description), items[i].words);
        g_assert_true (gtk_widget_has_css_class (g_object_get_data (G_OBJECT (row), "marker"),
                                                 expected_marker_class (items[i].kind)));
      }
  }

  /* What changes in the target's draft, and the errors that would land. */
  assert_diff_view_shows (pb_promote_dialog_get_changes_view (PB_PROMOTE_DIALOG (dialog)),
                          to_draft, pb_promotion_get_result (expected));
  g_assert_nonnull (find_label (dialog, "What Changes in the Draft of “Production”"));
  g_assert_cmpuint (pb_checks_count (findings, PB_SEVERITY_ERROR), ==, 2);
  errors = g_strdup_printf ("The promoted configuration has %u errors.",
                            pb_checks_count (findings, PB_SEVERITY_ERROR));
  g_assert_nonnull (find_label (dialog, errors));
  g_assert_nonnull (find_label (dialog, "Nothing is published."));

  /* Nothing is written until Promote. */
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_until_finalized ();
  g_assert_cmpuint (count_profile_revisions (f, target), ==, 1);
  {
    g_autoptr(PbConfiguration) after = load_profile_draft (f, target);

    g_assert_true (pb_configuration_equal (after, to_draft));
  }
}

static void
test_promote_apply (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PbConfiguration) from_draft = sandbox_draft (f);
  g_autoptr(PbConfiguration) production = production_example ();
  g_autoptr(PbProfile) target = add_target (f, "Production", production);
  g_autoptr(PbConfiguration) to_draft = load_profile_draft (f, target);
  g_autoptr(PbPromotion) expected = pb_promotion_new (from_draft, to_draft);
  g_autoptr(PbConfiguration) promoted = NULL;
  g_autoptr(PbConfiguration) source_after = NULL;
  g_autoptr(GListModel) revisions = NULL;
  g_autoptr(PbRevision) newest = NULL;
  RecordedResult result = { 0, NULL };
  GtkWidget *dialog;

  dialog = open_promote (f, from_draft);
  g_signal_connect (dialog, "promoted", G_CALLBACK (recorded_cb), &result);
  g_assert_true (gtk_widget_activate_action (dialog, "promote.apply", NULL));
  wait_until_finalized ();

  g_assert_cmpuint (result.revision, ==, 2);
  g_assert_cmpstr (result.profile_name, ==, "Production");
  g_clear_pointer (&result.profile_name, g_free);

  /* The target's draft is the promotion: its own lists, the source's mapping. */
  promoted = load_profile_draft (f, target);
  g_assert_true (pb_configuration_equal (promoted, pb_promotion_get_result (expected)));
  g_assert_true (pb_configuration_lists_equal (promoted, to_draft));
  g_assert_cmpstr (pb_configuration_get_org_id (promoted), ==, "00DPROD");
  g_assert_true (pb_configuration_get_revert_to_last_status (promoted));

  revisions = pb_store_list_revisions (f->store, target, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (revisions), ==, 2);
  newest = g_list_model_get_item (revisions, 0);
  g_assert_cmpuint (pb_revision_get_number (newest), ==, 2);
  g_assert_cmpstr (pb_revision_get_source (newest), ==, PB_REVISION_SOURCE_PROMOTE);
  g_assert_cmpstr (pb_revision_get_comment (newest), ==, "Promoted from “Sandbox”");

  /* The source is as it was. */
  source_after = load_draft (f);
  g_assert_true (pb_configuration_equal (source_after, from_draft));
  g_assert_cmpuint (count_revisions (f), ==, 1);
}

/* A profile without lists cannot be promoted to (or from), for the CLI's
 * reason, and nothing is written. */
static void
test_promote_no_lists (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PbConfiguration) from_draft = sandbox_draft (f);
  g_autoptr(PbConfiguration) empty = pb_configuration_new ();
  g_autoptr(PbProfile) target = add_target (f, "Production", NULL);
  GtkWidget *dialog;

  dialog = open_promote (f, from_draft);
  g_assert_nonnull (find_label (dialog, "Profile “Production” has no agent states or presence statuses yet: "
                                        "fetch it (or import a file into it) first."));
  g_assert_false (gtk_widget_get_sensitive (promote_child (dialog, "promote_button")));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (pb_promote_dialog_get_unmatched_view (PB_PROMOTE_DIALOG (dialog)))));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (pb_promote_dialog_get_changes_view (PB_PROMOTE_DIALOG (dialog)))));
  pb_test_save_screenshot (dialog, "promote-no-lists");
  gtk_widget_activate_action (dialog, "promote.apply", NULL);
  wait_until_idle (dialog);
  g_assert_true (gtk_widget_get_visible (dialog));
  g_assert_cmpuint (count_profile_revisions (f, target), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_until_finalized ();

  /* From a profile without lists: said at once, whatever the target. */
  dialog = open_promote (f, empty);
  g_assert_nonnull (find_label (dialog, "Profile “Sandbox” has no agent states or presence statuses yet"));
  g_assert_false (gtk_widget_get_sensitive (promote_child (dialog, "target_drop_down")));
  g_assert_false (gtk_widget_get_sensitive (promote_child (dialog, "promote_button")));
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_until_finalized ();
  g_assert_cmpuint (count_profile_revisions (f, target), ==, 0);
}

static void
test_promote_no_other_profile (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(PbConfiguration) from_draft = sandbox_draft (f);
  GtkWidget *dialog = open_promote (f, from_draft);
  GtkLabel *description;

  g_assert_nonnull (find_label (dialog, "No Other Profile"));
  description = find_label (dialog, "such as “Production”");
  g_assert_nonnull (description);
  g_assert_nonnull (strstr (gtk_label_get_text (description), "New Profile…"));
  g_assert_nonnull (strstr (gtk_label_get_text (description), "fetch its lists first"));
  g_assert_false (gtk_widget_get_mapped (promote_child (dialog, "target_drop_down")));
  g_assert_false (gtk_widget_get_sensitive (promote_child (dialog, "promote_button")));
  pb_test_save_screenshot (dialog, "promote-no-other-profile");

  g_assert_true (pb_test_activate_binding (dialog, GDK_KEY_Escape, 0));
  wait_until_finalized ();
  g_assert_cmpuint (count_revisions (f), ==, 1);
}

/* With several other profiles none is guessed; choosing one reads it. */
static void
test_promote_choose (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PbConfiguration) from_draft = sandbox_draft (f);
  g_autoptr(PbConfiguration) production = production_example ();
  g_autoptr(PbProfile) empty = add_target (f, "Empty", NULL);
  g_autoptr(PbProfile) target = add_target (f, "Production", production);
  g_autoptr(PbConfiguration) to_draft = load_profile_draft (f, target);
  g_autoptr(PbPromotion) expected = pb_promotion_new (from_draft, to_draft);
  GtkDropDown *drop_down;
  GListModel *model;
  GtkWidget *dialog;
  guint empty_position = GTK_INVALID_LIST_POSITION;
  guint production_position = GTK_INVALID_LIST_POSITION;

  dialog = open_promote (f, from_draft);
  drop_down = GTK_DROP_DOWN (promote_child (dialog, "target_drop_down"));
  model = gtk_drop_down_get_model (drop_down);

  /* Every profile but the source. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(PbProfile) profile = g_list_model_get_item (model, i);

      if (g_str_equal (pb_profile_get_name (profile), "Empty"))
        empty_position = i;
      else if (g_str_equal (pb_profile_get_name (profile), "Production"))
        production_position = i;
    }
  g_assert_cmpuint (empty_position, !=, GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (production_position, !=, GTK_INVALID_LIST_POSITION);

  g_assert_cmpuint (gtk_drop_down_get_selected (drop_down), ==, GTK_INVALID_LIST_POSITION);
  g_assert_nonnull (find_label (dialog, "Promote “Sandbox”"));
  g_assert_nonnull (find_label (dialog, "Choose the profile whose draft this configuration becomes."));
  g_assert_false (gtk_widget_get_sensitive (promote_child (dialog, "promote_button")));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (dialog)) == GTK_WIDGET (drop_down) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (dialog)), GTK_WIDGET (drop_down)));
  pb_test_save_screenshot (dialog, "promote-choose");

  gtk_drop_down_set_selected (drop_down, empty_position);
  wait_until_idle (dialog);
  g_assert_nonnull (find_label (dialog, "Profile “Empty” has no agent states"));
  g_assert_false (gtk_widget_get_sensitive (promote_child (dialog, "promote_button")));

  gtk_drop_down_set_selected (drop_down, production_position);
  wait_until_idle (dialog);
  g_assert_null (find_label (dialog, "has no agent states"));
  g_assert_nonnull (find_label (dialog, "Promote “Sandbox” to “Production”"));
  assert_diff_view_lists (pb_promote_dialog_get_unmatched_view (PB_PROMOTE_DIALOG (dialog)),
                          pb_promotion_get_unmatched (expected));
  g_assert_true (gtk_widget_get_sensitive (promote_child (dialog, "promote_button")));

  /* Back and forth quickly: only the last choice is shown. */
  gtk_drop_down_set_selected (drop_down, empty_position);
  gtk_drop_down_set_selected (drop_down, production_position);
  wait_until_idle (dialog);
  g_assert_null (find_label (dialog, "has no agent states"));
  assert_diff_view_shows (pb_promote_dialog_get_changes_view (PB_PROMOTE_DIALOG (dialog)),
                          to_draft, pb_promotion_get_result (expected));

  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_until_finalized ();
  g_assert_cmpuint (count_profile_revisions (f, target), ==, 1);
  g_assert_cmpuint (count_profile_revisions (f, empty), ==, 0);
}

/* The target changed elsewhere after it was read: nothing is written over
 * it; the dialog says so, reads it again, and promotes onto the new one. */
static void
test_promote_target_changed (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(PbConfiguration) from_draft = sandbox_draft (f);
  g_autoptr(PbConfiguration) production = production_example ();
  g_autoptr(PbProfile) target = add_target (f, "Production", production);
  g_autoptr(PbConfiguration) changed = production_example ();
  g_autoptr(PbConfiguration) reread = NULL;
  g_autoptr(PbPromotion) expected = NULL;
  g_autoptr(PbConfiguration) promoted = NULL;
  RecordedResult result = { 0, NULL };
  AdwMessageDialog *message;
  GtkWidget *dialog;

  dialog = open_promote (f, from_draft);
  g_signal_connect (dialog, "promoted", G_CALLBACK (recorded_cb), &result);

  /* Another window edits Production's draft meanwhile. */
  pb_configuration_set_presence_mapping (changed, "Ready_for_Chats", "away");
  g_assert_true (pb_store_save_draft (f->store, target, changed, NULL, NULL));

  g_assert_true (gtk_widget_activate_action (dialog, "promote.apply", NULL));
  wait_until_idle (dialog);
  message = find_message_dialog (GTK_WINDOW (dialog));
  g_assert_nonnull (message);
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Could Not Promote");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "changed by another window or program"));
  gtk_window_destroy (GTK_WINDOW (message));
  g_assert_cmpuint (result.revision, ==, 0);
  g_assert_cmpuint (count_profile_revisions (f, target), ==, 1);
  reread = load_profile_draft (f, target);
  g_assert_true (pb_configuration_equal (reread, changed));

  /* Read again: what is shown is the promotion onto the new draft. */
  expected = pb_promotion_new (from_draft, reread);
  assert_diff_view_shows (pb_promote_dialog_get_changes_view (PB_PROMOTE_DIALOG (dialog)),
                          reread, pb_promotion_get_result (expected));

  g_assert_true (gtk_widget_activate_action (dialog, "promote.apply", NULL));
  wait_until_finalized ();
  g_assert_cmpuint (result.revision, ==, 2);
  g_clear_pointer (&result.profile_name, g_free);
  promoted = load_profile_draft (f, target);
  g_assert_true (pb_configuration_equal (promoted, pb_promotion_get_result (expected)));
}

static void
assert_labels_are_text (GtkWidget *root)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);
      const char *text = gtk_label_get_text (label);

      if (!gtk_widget_get_mapped (GTK_WIDGET (label)))
        continue;
      g_assert_false (gtk_label_get_use_markup (label));
      g_assert_null (strchr (text, '\n'));
      g_assert_null (strchr (text, '\t'));
      /* An override is shut in by an isolate, so it reverses nothing around it. */
      if (strstr (text, "\u202E") != NULL)
        g_assert_nonnull (strstr (text, "\u2068"));
      g_assert_cmpuint (g_utf8_strlen (text, -1), <=, 3 * PB_UI_DISPLAY_MAX_CHARS);
    }
}

/* Names and labels with markup, control characters, a right-to-left
 * override and 10,000 characters stay text, bounded. */
static void
test_promote_hostile (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *hostile = pb_test_hostile_text (10000, FALSE);
  g_autoptr(PbConfiguration) from_draft = sandbox_draft (f);
  g_autoptr(PbConfiguration) lists = pb_test_worked_example_named (hostile);
  g_autoptr(PbProfile) target = NULL;
  g_autoptr(GListModel) revisions = NULL;
  g_autoptr(PbRevision) newest = NULL;
  RecordedResult result = { 0, NULL };
  GtkDropDown *drop_down;
  GtkWidget *dialog;

  /* The target's own mapping differs where the hostile names are, so
   * both lists name them. */
  pb_configuration_set_presence_mapping (lists, "Away_from_desk_temporary", "away");
  pb_configuration_set_state_mapping (lists, "away.break", "Ready_for_Cases");
  target = add_target (f, hostile, lists);

  dialog = open_promote (f, from_draft);
  g_signal_connect (dialog, "promoted", G_CALLBACK (recorded_cb), &result);
  drop_down = GTK_DROP_DOWN (promote_child (dialog, "target_drop_down"));
  g_assert_cmpuint (gtk_drop_down_get_selected (drop_down), ==, 0);

  g_assert_nonnull (find_label (dialog, "Promote “Sandbox” to “\u2068Break <b>bold?</b> \u202Ereversed"));
  g_assert_nonnull (find_label (GTK_WIDGET (pb_promote_dialog_get_changes_view (PB_PROMOTE_DIALOG (dialog))),
                                "Break <b>bold?</b>"));
  assert_labels_are_text (dialog);
  pb_test_save_screenshot (dialog, "promote-hostile");

  /* Written under its exact name. */
  g_assert_true (gtk_widget_activate_action (dialog, "promote.apply", NULL));
  wait_until_finalized ();
  g_assert_cmpuint (result.revision, ==, 2);
  g_assert_cmpstr (result.profile_name, ==, hostile);
  g_clear_pointer (&result.profile_name, g_free);
  revisions = pb_store_list_revisions (f->store, target, NULL);
  newest = g_list_model_get_item (revisions, 0);
  g_assert_cmpstr (pb_revision_get_source (newest), ==, PB_REVISION_SOURCE_PROMOTE);
}

/* What Tab does: the key controllers from the window down to the focus
 * first (a list leaves itself on Tab), else the window's binding. */
static void
press_tab (GtkWidget *dialog)
{
  g_autoptr(GPtrArray) path = g_ptr_array_new ();

  for (GtkWidget *widget = gtk_root_get_focus (GTK_ROOT (dialog)); widget != NULL;
       widget = gtk_widget_get_parent (widget))
    g_ptr_array_insert (path, 0, widget);

  for (guint i = 0; i < path->len; i++)
    if (pb_test_press_key (g_ptr_array_index (path, i), GDK_KEY_Tab, 0))
      return;

  g_assert_true (pb_test_activate_binding (dialog, GDK_KEY_Tab, 0));
}

/* Tab goes from the drop-down through both lists (each in one step) to
 * the buttons; Promote, the default, has the focus once the promotion is
 * shown, and Enter promotes. */
static void
test_promote_keyboard (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PbConfiguration) from_draft = sandbox_draft (f);
  g_autoptr(PbConfiguration) production = production_example ();
  g_autoptr(PbProfile) target = add_target (f, "Production", production);
  RecordedResult result = { 0, NULL };
  GtkWidget *dialog;
  GtkWidget *drop_down;
  GtkWidget *promote;
  GtkWidget *cancel;
  gboolean reached_unmatched = FALSE;
  gboolean reached_changes = FALSE;
  gboolean reached_cancel = FALSE;
  gboolean reached_promote = FALSE;

  dialog = open_promote (f, from_draft);
  g_signal_connect (dialog, "promoted", G_CALLBACK (recorded_cb), &result);
  drop_down = promote_child (dialog, "target_drop_down");
  promote = promote_child (dialog, "promote_button");
  cancel = find_button (dialog, "_Cancel");

  g_assert_true (gtk_root_get_focus (GTK_ROOT (dialog)) == promote);
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (dialog)) == promote);

  gtk_widget_grab_focus (drop_down);
  for (guint i = 0; i < 8 && !(reached_promote && reached_unmatched && reached_changes && reached_cancel); i++)
    {
      GtkWidget *focus;

      press_tab (dialog);
      focus = gtk_root_get_focus (GTK_ROOT (dialog));
      g_assert_nonnull (focus);
      reached_unmatched |= gtk_widget_is_ancestor (focus, GTK_WIDGET (pb_promote_dialog_get_unmatched_view (PB_PROMOTE_DIALOG (dialog))));
      reached_changes |= gtk_widget_is_ancestor (focus, GTK_WIDGET (pb_promote_dialog_get_changes_view (PB_PROMOTE_DIALOG (dialog))));
      reached_cancel |= focus == cancel;
      reached_promote |= focus == promote;
    }
  g_assert_true (reached_unmatched);
  g_assert_true (reached_changes);
  g_assert_true (reached_cancel);
  g_assert_true (reached_promote);

  gtk_widget_grab_focus (promote);
  g_assert_true (pb_test_activate_binding (promote, GDK_KEY_Return, 0));
  wait_until_finalized ();
  g_assert_cmpuint (result.revision, ==, 2);
  g_clear_pointer (&result.profile_name, g_free);
  g_assert_cmpuint (count_profile_revisions (f, target), ==, 2);
}

/* Down to 360 px, dark style too; closing is refused while the write runs. */
static void
test_promote_narrow (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PbConfiguration) from_draft = sandbox_draft (f);
  g_autoptr(PbConfiguration) production = production_example ();
  g_autoptr(PbProfile) target = add_target (f, "Production", production);
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  RecordedResult result = { 0, NULL };
  GtkWidget *dialog;

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  dialog = open_promote_sized (f, from_draft, 360, 640);
  g_signal_connect (dialog, "promoted", G_CALLBACK (recorded_cb), &result);

  g_assert_cmpint (gtk_widget_get_width (dialog), <=, 360);
  g_assert_true (gtk_widget_get_mapped (promote_child (dialog, "target_drop_down")));
  g_assert_true (gtk_widget_get_mapped (promote_child (dialog, "promote_button")));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (pb_promote_dialog_get_unmatched_view (PB_PROMOTE_DIALOG (dialog)))));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (pb_promote_dialog_get_changes_view (PB_PROMOTE_DIALOG (dialog)))));
  pb_test_save_screenshot (dialog, "promote-narrow-dark");
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);

  g_assert_true (gtk_widget_activate_action (dialog, "promote.apply", NULL));
  g_assert_true (pb_promote_dialog_get_busy (PB_PROMOTE_DIALOG (dialog)));
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (gtk_widget_get_visible (dialog));
  wait_until_finalized ();
  g_assert_cmpuint (result.revision, ==, 2);
  g_clear_pointer (&result.profile_name, g_free);
}

/* G_TEST_OPTION_ISOLATE_DIRS hides the system data dirs, which hold what
 * libadwaita and GTK need to read (the desktop's settings schemas, and the
 * MIME database that recognises the SVG icons): keep those two reachable. */
static void
keep_system_data (void)
{
  const char * const *data_dirs = g_get_system_data_dirs ();
  const char *already = g_getenv ("GSETTINGS_SCHEMA_DIR");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) schema_dirs = NULL;
  g_autofree char *value = NULL;

  if (already != NULL && *already != '\0')
    g_strv_builder_add (builder, already);

  for (guint i = 0; data_dirs[i] != NULL; i++)
    {
      g_autofree char *dir = g_build_filename (data_dirs[i], "glib-2.0", "schemas", NULL);
      g_autofree char *compiled = g_build_filename (dir, "gschemas.compiled", NULL);

      if (g_file_test (compiled, G_FILE_TEST_EXISTS))
        g_strv_builder_add (builder, dir);
    }

  schema_dirs = g_strv_builder_end (builder);
  value = g_strjoinv (G_SEARCHPATH_SEPARATOR_S, schema_dirs);
  if (*value != '\0')
    g_setenv ("GSETTINGS_SCHEMA_DIR", value, TRUE);

  g_content_type_set_mime_dirs (NULL);
}

int
main (int   argc,
      char *argv[])
{
  keep_system_data ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  pb_test_init_display ();
  adw_init ();

  /* The templates are resources of the static UI library: naming them
   * links them in, and their constructor registers them. */
  g_assert_nonnull (pb_get_resource ());

  /* Transitions would leave both sides of a leaflet on screen for a while. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);


#define ADD_TEST(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/dialogs/diff-view/rows", test_diff_view_rows);
  ADD_TEST ("/dialogs/history/compare", test_history_compare);
  ADD_TEST ("/dialogs/history/keyboard", test_history_keyboard);
  ADD_TEST ("/dialogs/history/restore", test_history_restore);
  ADD_TEST ("/dialogs/history/restore-error", test_history_restore_error);
  ADD_TEST ("/dialogs/history/narrow", test_history_narrow);
  ADD_TEST ("/dialogs/history/empty", test_history_empty);
  ADD_TEST ("/dialogs/import/changes", test_import_changes);
  ADD_TEST ("/dialogs/import/no-differences", test_import_no_differences);
  ADD_TEST ("/dialogs/import/with-errors", test_import_with_errors);
  ADD_TEST ("/dialogs/import/fetched-lists", test_import_fetched_lists);
  ADD_TEST ("/dialogs/import/failure", test_import_failure);
  ADD_TEST ("/dialogs/promote/unmatched", test_promote_unmatched);
  ADD_TEST ("/dialogs/promote/apply", test_promote_apply);
  ADD_TEST ("/dialogs/promote/no-lists", test_promote_no_lists);
  ADD_TEST ("/dialogs/promote/no-other-profile", test_promote_no_other_profile);
  ADD_TEST ("/dialogs/promote/choose", test_promote_choose);
  ADD_TEST ("/dialogs/promote/target-changed", test_promote_target_changed);
  ADD_TEST ("/dialogs/promote/hostile", test_promote_hostile);
  ADD_TEST ("/dialogs/promote/keyboard", test_promote_keyboard);
  ADD_TEST ("/dialogs/promote/narrow", test_promote_narrow);

#undef ADD_TEST

  return g_test_run ();
}
