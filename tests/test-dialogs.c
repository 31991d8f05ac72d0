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
  /* The worker's last task goes back to this thread just after its
   * callback: the store goes once it is released. */
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
load_draft (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  PbConfiguration *config = pb_store_load_draft (f->store, f->profile, &error);

  g_assert_no_error (error);
  g_assert_nonnull (config);
  return config;
}

static guint
count_revisions (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) revisions = pb_store_list_revisions (f->store, f->profile, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (revisions);
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

/* The view lists exactly pb_diff_configurations (@before, @after), and each
 * row on screen (all of them, in a short list) shows its change, accessibly. */
static void
assert_diff_view_shows (PbDiffView      *view,
                        PbConfiguration *before,
                        PbConfiguration *after)
{
  g_autoptr(GListModel) expected = pb_diff_configurations (before, after);
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

typedef struct
{
  guint revision;
  char *profile_name;
} ImportedResult;

static void
imported_cb (GtkWidget      *dialog,
             guint           revision,
             const char     *profile_name,
             ImportedResult *result)
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
  ImportedResult result = { 0, NULL };
  GtkWidget *dialog;

  save (f, first, PB_REVISION_SOURCE_SAVE, NULL);
  landing = pb_store_prepare_import (f->store, f->profile, imported, NULL);
  g_assert_nonnull (landing);

  dialog = open_import (f, "Sandbox", imported, "edited.config.json");
  g_signal_connect (dialog, "imported", G_CALLBACK (imported_cb), &result);

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
  ImportedResult result = { 0, NULL };
  AdwEntryRow *comment;
  GtkWidget *dialog;

  save (f, first, PB_REVISION_SOURCE_SAVE, NULL);

  dialog = open_import (f, NULL, imported, "same.config.json");
  g_signal_connect (dialog, "imported", G_CALLBACK (imported_cb), &result);

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
  ImportedResult result = { 0, NULL };
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
  g_signal_connect (dialog, "imported", G_CALLBACK (imported_cb), &result);

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
  ImportedResult result = { 0, NULL };
  AdwMessageDialog *message;
  GtkWidget *dialog;
  sqlite3 *db = NULL;

  save (f, first, PB_REVISION_SOURCE_SAVE, NULL);

  dialog = open_import (f, "Sandbox", imported, "edited.config.json");
  g_signal_connect (dialog, "imported", G_CALLBACK (imported_cb), &result);

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

#undef ADD_TEST

  return g_test_run ();
}
