/* pb-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-application.h"
#include "pb-import-dialog.h"
#include "pb-problem-group.h"
#include "pb-problem-row.h"
#include "pb-state-row.h"
#include "pb-status-row.h"
#include "pb-window-private.h"

/* Below these widths the two grids stack, and the side panel (problems and
 * preview) folds away behind the problems button. */
#define NARROW_WIDTH 720
#define FOLD_WIDTH   1100

G_DEFINE_FINAL_TYPE (PbWindow, pb_window, ADW_TYPE_APPLICATION_WINDOW)

static void pb_window_queue_refresh (PbWindow *self);
static void pb_window_autosave      (PbWindow *self);

/* Helpers shared with pb-window-actions.c */

void
_pb_window_toast (PbWindow   *self,
                  const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_pb_window_present_dialog (PbWindow  *self,
                           GtkWindow *dialog)
{
  g_return_if_fail (GTK_IS_WINDOW (dialog));

  gtk_window_set_transient_for (dialog, GTK_WINDOW (self));
  gtk_window_set_modal (dialog, TRUE);

  if (self->dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *)&self->dialog);
  self->dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->dialog);

  gtk_window_present (dialog);
}

void
_pb_window_show_error (PbWindow   *self,
                       const char *heading,
                       const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  _pb_window_present_dialog (self, GTK_WINDOW (dialog));
}

/* Store writes keep the application alive until they are done, so closing
 * the window right after an edit still saves it. */
void
_pb_window_hold (PbWindow *self)
{
  self->n_jobs++;
  if (self->application != NULL)
    g_application_hold (self->application);
}

void
_pb_window_release (PbWindow *self)
{
  g_assert (self->n_jobs > 0);
  self->n_jobs--;
  if (self->application != NULL)
    g_application_release (self->application);
}

static GSettings *
pb_window_get_settings (PbWindow *self)
{
  if (!PB_IS_APPLICATION (self->application))
    return NULL;

  return pb_application_get_settings (PB_APPLICATION (self->application));
}

/* Search */

static gboolean
text_matches (const char *text,
              const char *key)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;

  folded = g_utf8_casefold (text, -1);
  return strstr (folded, key) != NULL;
}

static gboolean
state_matches (PbAgentState *state,
               const char   *key)
{
  return text_matches (pb_agent_state_get_name (state), key) ||
         text_matches (pb_agent_state_get_id (state), key);
}

static gboolean
status_filter_func (gpointer item,
                    gpointer user_data)
{
  PbWindow *self = user_data;
  PbPresenceStatus *status = item;

  if (self->search_key == NULL)
    return TRUE;

  return text_matches (pb_presence_status_get_label (status), self->search_key) ||
         text_matches (pb_presence_status_get_api_name (status), self->search_key);
}

static gboolean
any_minor_matches (PbWindow   *self,
                   const char *major_id)
{
  GListModel *minors = pb_configuration_get_minor_states (self->draft, major_id);
  guint n = minors ? g_list_model_get_n_items (minors) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbAgentState) minor = g_list_model_get_item (minors, i);

      if (state_matches (minor, self->search_key))
        return TRUE;
    }

  return FALSE;
}

/* A state is shown when it matches, when one of its minors does (so the
 * match can be seen in place), or when its major does. */
static gboolean
state_filter_func (gpointer item,
                   gpointer user_data)
{
  PbWindow *self = user_data;
  g_autoptr(PbAgentState) state = gtk_tree_list_row_get_item (item);
  PbAgentState *major;

  if (self->search_key == NULL)
    return TRUE;

  if (state_matches (state, self->search_key))
    return TRUE;

  if (pb_agent_state_is_major (state))
    return any_minor_matches (self, pb_agent_state_get_id (state));

  major = pb_configuration_lookup_state (self->draft, pb_agent_state_get_major_id (state));
  return major != NULL && state_matches (major, self->search_key);
}

/* Majors with a matching minor are expanded, so the match is visible. */
static void
expand_matching_majors (PbWindow *self)
{
  GListModel *majors;
  guint n;

  if (self->search_key == NULL || self->state_tree == NULL)
    return;

  majors = pb_configuration_get_major_states (self->draft);
  n = g_list_model_get_n_items (majors);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbAgentState) major = g_list_model_get_item (majors, i);
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_child_row (self->state_tree, i);

      if (row != NULL && gtk_tree_list_row_is_expandable (row) &&
          any_minor_matches (self, pb_agent_state_get_id (major)))
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
}

static void
update_no_results (PbWindow *self)
{
  if (self->status_model != NULL)
    gtk_stack_set_visible_child_name (self->status_stack,
                                      g_list_model_get_n_items (G_LIST_MODEL (self->status_model)) > 0 ||
                                      self->search_key == NULL ? "list" : "no-results");
  if (self->state_model != NULL)
    gtk_stack_set_visible_child_name (self->state_stack,
                                      g_list_model_get_n_items (G_LIST_MODEL (self->state_model)) > 0 ||
                                      self->search_key == NULL ? "list" : "no-results");
}

static void
pb_window_set_search_key (PbWindow   *self,
                          const char *text)
{
  g_autofree char *key = NULL;

  if (text != NULL && text[0] != '\0')
    key = g_utf8_casefold (text, -1);

  if (g_strcmp0 (key, self->search_key) == 0)
    return;

  g_free (self->search_key);
  self->search_key = g_steal_pointer (&key);

  if (self->draft == NULL)
    return;

  expand_matching_majors (self);
  gtk_filter_changed (GTK_FILTER (self->status_filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_filter_changed (GTK_FILTER (self->state_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_no_results (self);
}

static void
search_changed_cb (PbWindow       *self,
                   GtkSearchEntry *entry)
{
  pb_window_set_search_key (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
stop_search_cb (PbWindow       *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

/* Grid rows */

static void
status_state_chosen_cb (PbWindow    *self,
                        const char  *api_name,
                        const char  *state_id,
                        PbStatusRow *row)
{
  if (self->undo_stack != NULL)
    pb_undo_stack_set_presence_mapping (self->undo_stack, api_name, state_id);
}

static void
status_setup_cb (PbWindow                 *self,
                 GtkListItem              *item,
                 GtkSignalListItemFactory *factory)
{
  GtkWidget *row = pb_status_row_new ();

  pb_choice_button_set_popover (pb_status_row_get_chooser (PB_STATUS_ROW (row)), self->status_popover);
  g_signal_connect_object (row, "state-chosen", G_CALLBACK (status_state_chosen_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_list_item_set_child (item, row);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
status_bind_cb (PbWindow                 *self,
                GtkListItem              *item,
                GtkSignalListItemFactory *factory)
{
  PbStatusRow *row = PB_STATUS_ROW (gtk_list_item_get_child (item));

  pb_status_row_bind (row, gtk_list_item_get_item (item), self->draft, self->state_choices);
  g_hash_table_add (self->status_rows, row);
}

static void
status_unbind_cb (PbWindow                 *self,
                  GtkListItem              *item,
                  GtkSignalListItemFactory *factory)
{
  PbStatusRow *row = PB_STATUS_ROW (gtk_list_item_get_child (item));

  g_hash_table_remove (self->status_rows, row);
  pb_status_row_unbind (row);
}

static void
state_presence_chosen_cb (PbWindow   *self,
                          const char *state_id,
                          gboolean    has_entry,
                          const char *presence,
                          PbStateRow *row)
{
  if (self->undo_stack == NULL)
    return;

  if (has_entry)
    pb_undo_stack_set_state_mapping (self->undo_stack, state_id, presence);
  else
    pb_undo_stack_unset_state_mapping (self->undo_stack, state_id);
}

static void
state_setup_cb (PbWindow                 *self,
                GtkListItem              *item,
                GtkSignalListItemFactory *factory)
{
  GtkWidget *row = pb_state_row_new ();

  pb_choice_button_set_popover (pb_state_row_get_chooser (PB_STATE_ROW (row)), self->state_popover);
  g_signal_connect_object (row, "presence-chosen", G_CALLBACK (state_presence_chosen_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_list_item_set_child (item, row);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
state_bind_cb (PbWindow                 *self,
               GtkListItem              *item,
               GtkSignalListItemFactory *factory)
{
  PbStateRow *row = PB_STATE_ROW (gtk_list_item_get_child (item));

  pb_state_row_bind (row, gtk_list_item_get_item (item), self->draft, self->presence_choices);
  g_hash_table_add (self->state_rows, row);
}

static void
state_unbind_cb (PbWindow                 *self,
                 GtkListItem              *item,
                 GtkSignalListItemFactory *factory)
{
  PbStateRow *row = PB_STATE_ROW (gtk_list_item_get_child (item));

  g_hash_table_remove (self->state_rows, row);
  pb_state_row_unbind (row);
}

/* Problems */

static void
problem_setup_cb (PbWindow                 *self,
                  GtkListItem              *item,
                  GtkSignalListItemFactory *factory)
{
  gtk_list_item_set_child (item, pb_problem_row_new ());
}

static void
problem_bind_cb (PbWindow                 *self,
                 GtkListItem              *item,
                 GtkSignalListItemFactory *factory)
{
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  g_autoptr(GObject) content = gtk_tree_list_row_get_item (row);

  /* Headings are not stops for the keyboard. */
  gtk_list_item_set_activatable (item, !PB_IS_PROBLEM_GROUP (content) ||
                                       !pb_problem_group_is_heading (PB_PROBLEM_GROUP (content)));
  pb_problem_row_bind (PB_PROBLEM_ROW (gtk_list_item_get_child (item)), row);
}

static void
problem_unbind_cb (PbWindow                 *self,
                   GtkListItem              *item,
                   GtkSignalListItemFactory *factory)
{
  pb_problem_row_unbind (PB_PROBLEM_ROW (gtk_list_item_get_child (item)));
}

static void
problem_activate_cb (PbWindow    *self,
                     guint        position,
                     GtkListView *list_view)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->problem_tree), position);
  g_autoptr(GObject) item = NULL;

  if (row == NULL)
    return;

  item = gtk_tree_list_row_get_item (row);
  if (PB_IS_FINDING (item))
    pb_window_focus_subject (self, pb_finding_get_subject (PB_FINDING (item)),
                             pb_finding_get_subject_id (PB_FINDING (item)));
  else if (gtk_tree_list_row_is_expandable (row))
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
}

static GListModel *
create_problem_children (gpointer item,
                         gpointer user_data)
{
  /* Findings have no children; nor do headings. */
  if (!PB_IS_PROBLEM_GROUP (item) || pb_problem_group_is_heading (item))
    return NULL;

  return g_object_ref (pb_problem_group_get_findings (item));
}

/* Focus */

static GtkWidget *
find_bound_row (PbWindow   *self,
                PbSubject   subject,
                const char *subject_id)
{
  GHashTableIter iter;
  gpointer row;

  if (subject == PB_SUBJECT_PRESENCE)
    {
      g_hash_table_iter_init (&iter, self->status_rows);
      while (g_hash_table_iter_next (&iter, &row, NULL))
        {
          PbPresenceStatus *status = pb_status_row_get_status (row);

          if (status != NULL && g_strcmp0 (pb_presence_status_get_api_name (status), subject_id) == 0)
            return row;
        }
    }
  else if (subject == PB_SUBJECT_STATE)
    {
      g_hash_table_iter_init (&iter, self->state_rows);
      while (g_hash_table_iter_next (&iter, &row, NULL))
        {
          PbAgentState *state = pb_state_row_get_state (row);

          if (state != NULL && g_strcmp0 (pb_agent_state_get_id (state), subject_id) == 0)
            return row;
        }
    }

  return NULL;
}

static gboolean
focus_bound_row (PbWindow   *self,
                 PbSubject   subject,
                 const char *subject_id)
{
  GtkWidget *row = find_bound_row (self, subject, subject_id);

  if (row == NULL)
    return FALSE;

  if (PB_IS_STATUS_ROW (row))
    gtk_widget_grab_focus (GTK_WIDGET (pb_status_row_get_chooser (PB_STATUS_ROW (row))));
  else
    pb_state_row_focus_editor (PB_STATE_ROW (row));

  return TRUE;
}

static void
clear_pending_focus (PbWindow *self)
{
  g_clear_handle_id (&self->pending_focus_source, g_source_remove);
  g_clear_pointer (&self->pending_focus_id, g_free);
  self->pending_focus_tries = 0;
}

/* The row scrolled to is bound at the next layout; try again until it is. */
static gboolean
pending_focus_cb (gpointer user_data)
{
  PbWindow *self = user_data;

  if (focus_bound_row (self, self->pending_focus_subject, self->pending_focus_id) ||
      ++self->pending_focus_tries >= 20)
    {
      self->pending_focus_source = 0;
      clear_pending_focus (self);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static guint
find_status_position (PbWindow   *self,
                      const char *api_name)
{
  GListModel *model = G_LIST_MODEL (self->status_model);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbPresenceStatus) status = g_list_model_get_item (model, i);

      if (g_strcmp0 (pb_presence_status_get_api_name (status), api_name) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static guint
find_state_position (PbWindow   *self,
                     const char *state_id)
{
  GListModel *model = G_LIST_MODEL (self->state_model);
  PbAgentState *state = pb_configuration_lookup_state (self->draft, state_id);
  guint n;

  if (state == NULL)
    return GTK_INVALID_LIST_POSITION;

  /* A minor state is only in the list while its major is expanded. */
  if (!pb_agent_state_is_major (state))
    {
      GListModel *majors = pb_configuration_get_major_states (self->draft);
      guint n_majors = g_list_model_get_n_items (majors);

      for (guint i = 0; i < n_majors; i++)
        {
          g_autoptr(PbAgentState) major = g_list_model_get_item (majors, i);

          if (g_strcmp0 (pb_agent_state_get_id (major), pb_agent_state_get_major_id (state)) == 0)
            {
              g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_child_row (self->state_tree, i);

              if (row != NULL)
                gtk_tree_list_row_set_expanded (row, TRUE);
              break;
            }
        }
    }

  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(PbAgentState) item = gtk_tree_list_row_get_item (row);

      if (g_strcmp0 (pb_agent_state_get_id (item), state_id) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

gboolean
pb_window_focus_subject (PbWindow   *self,
                         PbSubject   subject,
                         const char *subject_id)
{
  GtkWidget *list;
  guint position;

  g_return_val_if_fail (PB_IS_WINDOW (self), FALSE);

  if (self->draft == NULL)
    return FALSE;

  clear_pending_focus (self);

  /* In the folded layout the panel covers the grids. */
  if (self->folded)
    adw_flap_set_reveal_flap (self->flap, FALSE);

  if (subject == PB_SUBJECT_SWITCHES)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->revert_switch));
      return TRUE;
    }

  if (subject_id == NULL || (subject != PB_SUBJECT_PRESENCE && subject != PB_SUBJECT_STATE))
    return FALSE;

  if (subject == PB_SUBJECT_PRESENCE)
    {
      list = GTK_WIDGET (self->status_list);
      position = find_status_position (self, subject_id);
    }
  else
    {
      list = GTK_WIDGET (self->state_list);
      position = find_state_position (self, subject_id);
    }

  /* Filtered out by the search: clear it, the administrator asked for this row. */
  if (position == GTK_INVALID_LIST_POSITION && self->search_key != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      pb_window_set_search_key (self, NULL);
      position = subject == PB_SUBJECT_PRESENCE ? find_status_position (self, subject_id)
                                                : find_state_position (self, subject_id);
    }

  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  gtk_widget_activate_action (list, "list.scroll-to-item", "u", position);

  if (!focus_bound_row (self, subject, subject_id))
    {
      self->pending_focus_subject = subject;
      self->pending_focus_id = g_strdup (subject_id);
      self->pending_focus_source = g_timeout_add (25, pending_focus_cb, self);
    }

  return TRUE;
}

GtkWidget *
pb_window_lookup_row (PbWindow   *self,
                      PbSubject   subject,
                      const char *subject_id)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);
  return find_bound_row (self, subject, subject_id);
}

/* Switches */

static void
revert_switch_cb (PbWindow   *self,
                  GParamSpec *pspec,
                  GtkSwitch  *widget)
{
  if (self->updating > 0 || self->undo_stack == NULL)
    return;

  pb_undo_stack_set_revert_to_last_status (self->undo_stack, gtk_switch_get_active (widget));
}

static void
update_switches (PbWindow *self)
{
  const char *post_call = pb_configuration_get_agent_post_call_state (self->draft);
  g_autofree char *post_call_name = pb_configuration_dup_state_display_name (self->draft, post_call);
  PbStateKind kind = pb_configuration_get_state_kind (self->draft, post_call);
  gboolean ineffective = kind != PB_STATE_KIND_READY && kind != PB_STATE_KIND_READY_OFFLINE;
  gboolean revert = pb_configuration_get_revert_to_last_status (self->draft);

  self->updating++;
  gtk_switch_set_active (self->revert_switch, revert);
  self->updating--;

  gtk_label_set_label (self->post_call_label, post_call_name);

  gtk_widget_set_visible (GTK_WIDGET (self->revert_explanation), ineffective);
  if (ineffective)
    {
      g_autofree char *text = NULL;

      if (revert)
        text = g_strdup_printf (_("Revert to last status has no effect: after an interaction agents are put in “%s”, "
                                  "so the presence mapped to that state is always used. It only works when the "
                                  "post-call state is Ready or Ready (Offline)."),
                                post_call_name);
      else
        text = g_strdup_printf (_("Revert to last status would have no effect: after an interaction agents are put "
                                  "in “%s”, not Ready or Ready (Offline)."),
                                post_call_name);
      gtk_label_set_label (self->revert_explanation, text);
      if (revert)
        gtk_widget_add_css_class (GTK_WIDGET (self->revert_explanation), "warning");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->revert_explanation), "warning");
    }
}

/* Refresh: everything that follows from the draft, once per burst of edits */

static gboolean
finding_equal (PbFinding *a,
               PbFinding *b)
{
  return pb_finding_get_severity (a) == pb_finding_get_severity (b) &&
         pb_finding_get_subject (a) == pb_finding_get_subject (b) &&
         g_strcmp0 (pb_finding_get_code (a), pb_finding_get_code (b)) == 0 &&
         g_strcmp0 (pb_finding_get_path (a), pb_finding_get_path (b)) == 0 &&
         g_strcmp0 (pb_finding_get_message (a), pb_finding_get_message (b)) == 0 &&
         g_strcmp0 (pb_finding_get_subject_id (a), pb_finding_get_subject_id (b)) == 0;
}

static gboolean
preview_event_equal (PbPreviewEvent *a,
                     PbPreviewEvent *b)
{
  return pb_preview_event_get_kind (a) == pb_preview_event_get_kind (b) &&
         g_strcmp0 (pb_preview_event_get_trigger (a), pb_preview_event_get_trigger (b)) == 0 &&
         g_strcmp0 (pb_preview_event_get_outcome (a), pb_preview_event_get_outcome (b)) == 0 &&
         g_strcmp0 (pb_preview_event_get_subject_id (a), pb_preview_event_get_subject_id (b)) == 0;
}

static gboolean
items_equal (GListModel *a,
             guint       position_a,
             GListModel *b,
             guint       position_b,
             GEqualFunc  equal)
{
  g_autoptr(GObject) item_a = g_list_model_get_item (a, position_a);
  g_autoptr(GObject) item_b = g_list_model_get_item (b, position_b);

  return equal (item_a, item_b);
}

/* Replaces only the part of @store that differs from @fresh. An edit
 * changes a few findings or events among thousands; replacing the whole
 * list would rebind (and re-measure) every row on screen, which with
 * wrapped labels costs seconds. */
static void
sync_store (GListStore *store,
            GListModel *fresh,
            GEqualFunc  equal)
{
  GListModel *old = G_LIST_MODEL (store);
  guint n_old = g_list_model_get_n_items (old);
  guint n_new = g_list_model_get_n_items (fresh);
  guint prefix = 0;
  guint suffix = 0;
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

  while (prefix < n_old && prefix < n_new && items_equal (old, prefix, fresh, prefix, equal))
    prefix++;
  while (suffix < n_old - prefix && suffix < n_new - prefix &&
         items_equal (old, n_old - 1 - suffix, fresh, n_new - 1 - suffix, equal))
    suffix++;

  for (guint i = prefix; i < n_new - suffix; i++)
    g_ptr_array_add (added, g_list_model_get_item (fresh, i));

  if (n_old - prefix - suffix > 0 || added->len > 0)
    g_list_store_splice (store, prefix, n_old - prefix - suffix, added->pdata, added->len);
}

/* Groups shown expanded when they first appear, if they are this small. */
#define PROBLEM_GROUP_EXPANDED_MAX 10

static char *
dup_group_key (PbSeverity  severity,
               const char *code)
{
  return g_strdup_printf ("%d:%s", severity, code ? code : "");
}

/* Findings come ordered by severity: they become a heading per severity
 * and a group per check. Groups that exist already are kept (with their
 * expansion) and only their findings are brought up to date. */
static void
sync_problem_groups (PbWindow   *self,
                     GListModel *fresh)
{
  g_autoptr(GHashTable) old_groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autoptr(GHashTable) contents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autoptr(GHashTable) created = g_hash_table_new (NULL, NULL);
  g_autoptr(GListStore) groups = g_list_store_new (PB_TYPE_PROBLEM_GROUP);
  GListModel *current = G_LIST_MODEL (self->problem_groups);
  guint n;

  n = g_list_model_get_n_items (current);
  for (guint i = 0; i < n; i++)
    {
      PbProblemGroup *group = g_list_model_get_item (current, i);

      g_hash_table_insert (old_groups,
                           dup_group_key (pb_problem_group_get_severity (group), pb_problem_group_get_code (group)),
                           group);
    }

  n = g_list_model_get_n_items (fresh);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbFinding) finding = g_list_model_get_item (fresh, i);
      PbSeverity severity = pb_finding_get_severity (finding);
      const char *code = pb_finding_get_code (finding);
      g_autofree char *heading_key = dup_group_key (severity, NULL);
      g_autofree char *key = dup_group_key (severity, code);
      GListStore *content;

      if (!g_hash_table_contains (contents, heading_key))
        {
          g_autoptr(PbProblemGroup) heading = g_hash_table_lookup (old_groups, heading_key);

          heading = heading ? g_object_ref (heading) : pb_problem_group_new (severity, NULL);
          g_list_store_append (groups, heading);
          g_hash_table_insert (contents, g_steal_pointer (&heading_key), g_list_store_new (PB_TYPE_FINDING));
        }

      content = g_hash_table_lookup (contents, key);
      if (content == NULL)
        {
          g_autoptr(PbProblemGroup) group = g_hash_table_lookup (old_groups, key);

          if (group != NULL)
            {
              g_object_ref (group);
            }
          else
            {
              group = pb_problem_group_new (severity, code);
              g_hash_table_add (created, group);
            }
          g_list_store_append (groups, group);

          content = g_list_store_new (PB_TYPE_FINDING);
          g_hash_table_insert (contents, g_strdup (key), content);
        }
      g_list_store_append (content, finding);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (groups));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbProblemGroup) group = g_list_model_get_item (G_LIST_MODEL (groups), i);
      g_autofree char *key = NULL;

      if (pb_problem_group_is_heading (group))
        continue;

      key = dup_group_key (pb_problem_group_get_severity (group), pb_problem_group_get_code (group));
      sync_store (G_LIST_STORE (pb_problem_group_get_findings (group)), g_hash_table_lookup (contents, key),
                  (GEqualFunc)finding_equal);
    }

  sync_store (self->problem_groups, G_LIST_MODEL (groups), g_direct_equal);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbProblemGroup) group = g_list_model_get_item (current, i);

      if (g_hash_table_contains (created, group) &&
          pb_problem_group_get_n_findings (group) <= PROBLEM_GROUP_EXPANDED_MAX)
        {
          g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_child_row (self->problem_tree, i);

          if (row != NULL)
            gtk_tree_list_row_set_expanded (row, TRUE);
        }
    }
}

static void
update_problems (PbWindow *self)
{
  guint errors = pb_checks_count (self->findings, PB_SEVERITY_ERROR);
  guint warnings = pb_checks_count (self->findings, PB_SEVERITY_WARNING);
  guint notes = pb_checks_count (self->findings, PB_SEVERITY_INFO);
  g_autofree char *summary = NULL;
  const char *icon_name;
  const char *style;

  gtk_stack_set_visible_child_name (self->problems_stack,
                                    g_list_model_get_n_items (self->findings) > 0 ? "list" : "none");

  if (errors > 0 || warnings > 0)
    {
      g_autofree char *error_text = g_strdup_printf (ngettext ("%u error", "%u errors", errors), errors);
      g_autofree char *warning_text = g_strdup_printf (ngettext ("%u warning", "%u warnings", warnings), warnings);

      /* Translators: counts of problems, "2 errors, 1 warning". */
      summary = g_strdup_printf (_("%s, %s"), error_text, warning_text);
    }
  else if (notes > 0)
    {
      summary = g_strdup_printf (ngettext ("No problems, %u note", "No problems, %u notes", notes), notes);
    }
  else
    {
      summary = g_strdup (_("No problems"));
    }

  if (errors > 0)
    icon_name = "dialog-error-symbolic", style = "error";
  else if (warnings > 0)
    icon_name = "dialog-warning-symbolic", style = "warning";
  else
    icon_name = "emblem-ok-symbolic", style = "success";

  gtk_image_set_from_icon_name (self->problems_icon, icon_name);
  gtk_widget_remove_css_class (GTK_WIDGET (self->problems_icon), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->problems_icon), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->problems_icon), "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->problems_icon), style);
  gtk_label_set_label (self->problems_summary, summary);
}

static void
update_title (PbWindow *self)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;

  if (self->profile == NULL)
    {
      adw_window_title_set_title (self->window_title, _("Presence Bridge"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Presence Bridge"));
      return;
    }

  if (self->has_unsaved_changes)
    subtitle = g_strdup (_("Unsaved changes"));
  else if (self->saved_number > 0)
    subtitle = g_strdup_printf (_("Saved as revision %u"), self->saved_number);
  else
    subtitle = g_strdup (_("No revisions yet"));

  adw_window_title_set_title (self->window_title, pb_profile_get_name (self->profile));
  adw_window_title_set_subtitle (self->window_title, subtitle);

  /* Translators: the window title: a profile name, then its state ("Unsaved changes"). */
  title = g_strdup_printf (_("%s (%s) – Presence Bridge"), pb_profile_get_name (self->profile), subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
pb_window_refresh (PbWindow *self)
{
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(GListModel) preview = NULL;
  GHashTableIter iter;
  gpointer row;

  g_clear_handle_id (&self->refresh_source, g_source_remove);

  if (self->draft == NULL)
    return;

  findings = pb_checks_run (self->draft);
  g_set_object (&self->findings, findings);
  sync_problem_groups (self, findings);
  update_problems (self);

  preview = pb_preview_build (self->draft);
  sync_store (G_LIST_STORE (self->preview), preview, (GEqualFunc)preview_event_equal);

  g_hash_table_iter_init (&iter, self->status_rows);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    pb_status_row_update (row);
  g_hash_table_iter_init (&iter, self->state_rows);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    pb_state_row_update (row);

  update_switches (self);

  if (self->saved != NULL)
    {
      self->has_unsaved_changes = !pb_configuration_equal (self->draft, self->saved);
    }
  else
    {
      g_autoptr(PbConfiguration) empty = pb_configuration_new ();

      self->has_unsaved_changes = !pb_configuration_equal (self->draft, empty);
    }
  update_title (self);

  _pb_window_actions_update (self);
  pb_window_autosave (self);
}

static gboolean
refresh_cb (gpointer user_data)
{
  PbWindow *self = user_data;

  self->refresh_source = 0;
  pb_window_refresh (self);

  return G_SOURCE_REMOVE;
}

static void
pb_window_queue_refresh (PbWindow *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_cb, self, NULL);
}

void
pb_window_refresh_now (PbWindow *self)
{
  g_return_if_fail (PB_IS_WINDOW (self));
  pb_window_refresh (self);
}

/* Autosave: every change reaches the store's draft, in order, off the main
 * thread. */

typedef struct
{
  PbStore         *store;
  PbProfile       *profile;
  PbConfiguration *configuration;
  char            *comment;
  gboolean         close_after;
} StoreJob;

static void
store_job_free (gpointer data)
{
  StoreJob *job = data;

  g_clear_object (&job->store);
  g_clear_object (&job->profile);
  g_clear_object (&job->configuration);
  g_free (job->comment);
  g_free (job);
}

static StoreJob *
store_job_new (PbWindow *self)
{
  StoreJob *job = g_new0 (StoreJob, 1);

  job->store = g_object_ref (self->store);
  job->profile = g_object_ref (self->profile);
  job->configuration = pb_configuration_copy (self->draft);

  return job;
}

static void
save_draft_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  StoreJob *job = task_data;
  GError *error = NULL;

  if (pb_store_save_draft (job->store, job->profile, job->configuration, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
save_draft_done (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PbWindow *self = PB_WINDOW (object);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) && self->toast_overlay != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The draft could not be saved: %s"), error->message);

      _pb_window_toast (self, message);
    }

  _pb_window_release (self);
}

static void
pb_window_autosave (PbWindow *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->store == NULL || self->profile == NULL || self->draft == NULL ||
      self->generation == self->autosaved_generation)
    return;

  self->autosaved_generation = self->generation;

  task = g_task_new (self, NULL, save_draft_done, NULL);
  g_task_set_source_tag (task, pb_window_autosave);
  g_task_set_task_data (task, store_job_new (self), store_job_free);

  _pb_window_hold (self);
  pb_store_queue_run (self->queue, task, save_draft_thread);
}

void
_pb_window_flush_draft (PbWindow *self)
{
  if (self->refresh_source != 0)
    pb_window_refresh (self);
  pb_window_autosave (self);
  pb_store_queue_wait (self->queue);
}

/* Saving a revision */

static void
save_revision_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  StoreJob *job = task_data;
  GError *error = NULL;
  guint number;

  number = pb_store_save_revision (job->store, job->profile, job->configuration,
                                   PB_REVISION_SOURCE_SAVE, job->comment, NULL, &error);
  if (number == 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, number);
}

static void
save_revision_done (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  PbWindow *self = PB_WINDOW (object);
  StoreJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gssize number;

  number = g_task_propagate_int (G_TASK (result), &error);
  _pb_window_release (self);

  if (self->toast_overlay == NULL)
    return;

  if (number <= 0)
    {
      _pb_window_show_error (self, _("The Revision Could Not Be Saved"), error->message);
      return;
    }

  /* Saved what the draft was when Save was chosen; later edits stay unsaved. */
  if (self->profile != NULL && pb_profile_get_id (self->profile) == pb_profile_get_id (job->profile))
    {
      g_autofree char *message = g_strdup_printf (_("Saved revision %u"), (guint)number);

      g_set_object (&self->saved, job->configuration);
      self->saved_number = number;
      _pb_window_toast (self, message);
      pb_window_refresh (self);
    }

  if (job->close_after)
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

static void
show_first_error_cb (PbWindow         *self,
                     const char       *response,
                     AdwMessageDialog *dialog)
{
  guint n = self->findings ? g_list_model_get_n_items (self->findings) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbFinding) finding = g_list_model_get_item (self->findings, i);

      if (pb_finding_get_severity (finding) == PB_SEVERITY_ERROR)
        {
          pb_window_focus_subject (self, pb_finding_get_subject (finding),
                                   pb_finding_get_subject_id (finding));
          return;
        }
    }
}

gboolean
_pb_window_refuse_save (PbWindow *self)
{
  g_autoptr(GString) body = NULL;
  GtkWidget *dialog;
  guint errors;
  guint n;

  if (self->refresh_source != 0)
    pb_window_refresh (self);

  errors = pb_checks_count (self->findings, PB_SEVERITY_ERROR);
  if (errors == 0)
    return FALSE;

  body = g_string_new (ngettext ("The configuration has an error. Fix it before saving:",
                                 "The configuration has errors. Fix them before saving:", errors));
  g_string_append_c (body, '\n');

  n = g_list_model_get_n_items (self->findings);
  for (guint i = 0, shown = 0; i < n && shown < 5; i++)
    {
      g_autoptr(PbFinding) finding = g_list_model_get_item (self->findings, i);

      if (pb_finding_get_severity (finding) != PB_SEVERITY_ERROR)
        continue;
      g_string_append_printf (body, "\n• %s", pb_finding_get_message (finding));
      shown++;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Cannot Save Yet"), body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Close"),
                                    "show", _("_Show the Problem"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "show", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "show");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_signal_connect_object (dialog, "response::show", G_CALLBACK (show_first_error_cb),
                           self, G_CONNECT_SWAPPED);
  _pb_window_present_dialog (self, GTK_WINDOW (dialog));

  return TRUE;
}

void
_pb_window_save_revision (PbWindow   *self,
                          const char *comment,
                          gboolean    close_after)
{
  g_autoptr(GTask) task = NULL;
  StoreJob *job;

  if (self->store == NULL || self->profile == NULL || self->draft == NULL)
    return;

  if (_pb_window_refuse_save (self))
    return;

  /* The revision becomes the draft as well: nothing left to autosave. */
  if (self->refresh_source != 0)
    pb_window_refresh (self);
  self->autosaved_generation = self->generation;

  job = store_job_new (self);
  job->comment = comment != NULL && comment[0] != '\0' ? g_strdup (comment) : NULL;
  job->close_after = close_after;

  task = g_task_new (self, NULL, save_revision_done, NULL);
  g_task_set_source_tag (task, _pb_window_save_revision);
  g_task_set_task_data (task, job, store_job_free);

  _pb_window_hold (self);
  pb_store_queue_run (self->queue, task, save_revision_thread);
}

/* The draft being edited */

static void
draft_changed_cb (PbWindow        *self,
                  PbConfiguration *draft)
{
  self->generation++;
  pb_window_queue_refresh (self);
}

static void
rebuild_choices (PbWindow *self)
{
  GHashTableIter iter;
  gpointer row;

  g_clear_object (&self->state_choices);
  g_clear_object (&self->presence_choices);
  self->state_choices = pb_choices_new_states (self->draft);
  self->presence_choices = pb_choices_new_presences (self->draft);

  g_hash_table_iter_init (&iter, self->status_rows);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    pb_status_row_set_choices (row, self->state_choices);
  g_hash_table_iter_init (&iter, self->state_rows);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    pb_state_row_set_choices (row, self->presence_choices);
}

static void
update_main_page (PbWindow *self)
{
  const char *page;

  if (self->store == NULL)
    page = "error";
  else if (self->draft == NULL)
    page = "welcome";
  else if (g_list_model_get_n_items (pb_configuration_get_presence_statuses (self->draft)) == 0 &&
           g_list_model_get_n_items (pb_configuration_get_agent_states (self->draft)) == 0)
    page = "empty";
  else
    page = "editor";

  gtk_stack_set_visible_child_name (self->main_stack, page);

  /* The header shows what the page can use. */
  gtk_widget_set_visible (GTK_WIDGET (self->fetch_button), self->profile != NULL && !self->narrow);
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), self->profile != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->publish_button), self->profile != NULL && !self->narrow);
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), g_str_equal (page, "editor"));
}

static void
draft_lists_changed_cb (PbWindow        *self,
                        PbConfiguration *draft)
{
  rebuild_choices (self);
  update_main_page (self);
}

static GListModel *
create_minor_model (gpointer item,
                    gpointer user_data)
{
  PbWindow *self = user_data;
  GListModel *minors;

  if (!pb_agent_state_is_major (item))
    return NULL;

  minors = pb_configuration_get_minor_states (self->draft, pb_agent_state_get_id (item));
  return minors ? g_object_ref (minors) : NULL;
}

static void
undo_stack_notify_cb (PbWindow *self)
{
  _pb_window_actions_update (self);
}

static void
pb_window_set_draft (PbWindow        *self,
                     PbConfiguration *draft,
                     PbConfiguration *saved,
                     guint            saved_number)
{
  g_autoptr(GtkNoSelection) status_selection = NULL;
  g_autoptr(GtkNoSelection) state_selection = NULL;

  if (self->draft != NULL)
    g_signal_handlers_disconnect_by_data (self->draft, self);
  if (self->undo_stack != NULL)
    g_signal_handlers_disconnect_by_data (self->undo_stack, self);

  /* Detach the views first: their rows unbind from the old draft. */
  gtk_list_view_set_model (self->status_list, NULL);
  gtk_list_view_set_model (self->state_list, NULL);
  g_clear_object (&self->status_model);
  g_clear_object (&self->state_model);
  g_clear_object (&self->state_tree);
  g_clear_object (&self->undo_stack);
  clear_pending_focus (self);

  g_set_object (&self->draft, draft);
  g_set_object (&self->saved, saved);
  self->saved_number = saved_number;
  self->generation = 0;
  self->autosaved_generation = 0;

  if (draft == NULL)
    {
      g_clear_object (&self->state_choices);
      g_clear_object (&self->presence_choices);
      g_clear_object (&self->findings);
      g_list_store_remove_all (self->problem_groups);
      g_list_store_remove_all (G_LIST_STORE (self->preview));
      self->has_unsaved_changes = FALSE;
      update_title (self);
      update_main_page (self);
      _pb_window_actions_update (self);
      return;
    }

  g_signal_connect_object (draft, "changed", G_CALLBACK (draft_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (draft, "lists-changed", G_CALLBACK (draft_lists_changed_cb), self, G_CONNECT_SWAPPED);

  self->undo_stack = pb_undo_stack_new (draft);
  g_signal_connect_object (self->undo_stack, "notify::can-undo", G_CALLBACK (undo_stack_notify_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->undo_stack, "notify::can-redo", G_CALLBACK (undo_stack_notify_cb),
                           self, G_CONNECT_SWAPPED);

  rebuild_choices (self);

  self->status_model = gtk_filter_list_model_new (g_object_ref (pb_configuration_get_presence_statuses (draft)),
                                                  GTK_FILTER (g_object_ref (self->status_filter)));
  status_selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->status_model)));
  gtk_list_view_set_model (self->status_list, GTK_SELECTION_MODEL (status_selection));

  /* Expanded from the start: minors are what administrators look for, and
   * rows are recycled, so a thousand of them cost nothing. */
  self->state_tree = gtk_tree_list_model_new (g_object_ref (pb_configuration_get_major_states (draft)),
                                              FALSE, TRUE, create_minor_model, self, NULL);
  self->state_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->state_tree)),
                                                 GTK_FILTER (g_object_ref (self->state_filter)));
  state_selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->state_model)));
  gtk_list_view_set_model (self->state_list, GTK_SELECTION_MODEL (state_selection));

  g_signal_connect_object (self->status_model, "items-changed", G_CALLBACK (update_no_results),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state_model, "items-changed", G_CALLBACK (update_no_results),
                           self, G_CONNECT_SWAPPED);

  expand_matching_majors (self);
  update_no_results (self);
  update_main_page (self);
  pb_window_refresh (self);
}

gboolean
_pb_window_load_profile (PbWindow   *self,
                         PbProfile  *profile,
                         GError    **error)
{
  g_autoptr(PbConfiguration) draft = NULL;
  g_autoptr(PbConfiguration) saved = NULL;
  g_autoptr(GListModel) revisions = NULL;
  GSettings *settings;
  guint newest = 0;

  g_return_val_if_fail (PB_IS_PROFILE (profile), FALSE);

  /* The edits of the profile being left reach the store first. */
  if (self->draft != NULL)
    {
      if (self->refresh_source != 0)
        pb_window_refresh (self);
      pb_window_autosave (self);
    }

  draft = pb_store_load_draft (self->store, profile, error);
  if (draft == NULL)
    return FALSE;

  saved = pb_store_load_latest_revision (self->store, profile, error);
  if (saved == NULL && error != NULL && *error != NULL)
    return FALSE;

  revisions = pb_store_list_revisions (self->store, profile, error);
  if (revisions == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (revisions); i++)
    {
      g_autoptr(PbRevision) revision = g_list_model_get_item (revisions, i);

      newest = MAX (newest, pb_revision_get_number (revision));
    }

  g_set_object (&self->profile, profile);
  pb_window_set_draft (self, draft, saved, newest);
  _pb_window_reload_profiles (self);

  settings = pb_window_get_settings (self);
  if (settings != NULL)
    g_settings_set_string (settings, "last-profile", pb_profile_get_name (profile));

  return TRUE;
}

gboolean
pb_window_open_profile (PbWindow    *self,
                        const char  *name,
                        GError     **error)
{
  g_autoptr(PbProfile) profile = NULL;

  g_return_val_if_fail (PB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (self->store == NULL)
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_STORE_FAILED, _("No store is open"));
      return FALSE;
    }

  profile = pb_store_lookup_profile (self->store, name, error);
  if (profile == NULL)
    return FALSE;

  return _pb_window_load_profile (self, profile, error);
}

/* Profiles */

void
_pb_window_reload_profiles (PbWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) profiles = NULL;
  guint selected = GTK_INVALID_LIST_POSITION;

  if (self->store == NULL)
    return;

  profiles = pb_store_list_profiles (self->store, &error);
  if (profiles == NULL)
    {
      _pb_window_toast (self, error->message);
      return;
    }

  for (guint i = 0; self->profile != NULL && i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(PbProfile) profile = g_list_model_get_item (profiles, i);

      if (pb_profile_get_id (profile) == pb_profile_get_id (self->profile))
        selected = i;
    }

  g_set_object (&self->profiles, profiles);

  self->updating++;
  gtk_drop_down_set_model (self->profile_dropdown, profiles);
  gtk_drop_down_set_selected (self->profile_dropdown, selected);
  self->updating--;

  gtk_widget_set_visible (GTK_WIDGET (self->profile_dropdown), g_list_model_get_n_items (profiles) > 0);
}

static gboolean
switch_profile_cb (gpointer user_data)
{
  PbWindow *self = user_data;
  g_autoptr(PbProfile) profile = g_steal_pointer (&self->pending_profile);
  g_autoptr(GError) error = NULL;

  self->switch_profile_source = 0;

  if (profile != NULL && self->store != NULL &&
      (self->profile == NULL || pb_profile_get_id (profile) != pb_profile_get_id (self->profile)) &&
      !_pb_window_load_profile (self, profile, &error))
    _pb_window_show_error (self, _("The Profile Could Not Be Opened"), error->message);

  return G_SOURCE_REMOVE;
}

/* Loading a profile refills the switcher itself: that waits until the
 * drop-down is done handling the choice. */
static void
profile_selected_cb (PbWindow    *self,
                     GParamSpec  *pspec,
                     GtkDropDown *dropdown)
{
  if (self->updating > 0)
    return;

  g_set_object (&self->pending_profile, gtk_drop_down_get_selected_item (dropdown));
  if (self->switch_profile_source == 0)
    self->switch_profile_source = g_idle_add (switch_profile_cb, self);
}

/* Import and export */

static void
imported_cb (PbWindow   *self,
             guint       revision_number,
             const char *profile_name,
             GtkWidget  *dialog)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!pb_window_open_profile (self, profile_name, &error))
    {
      _pb_window_show_error (self, _("The Profile Could Not Be Opened"), error->message);
      return;
    }

  /* Translators: "Imported into “Example” as revision 3". */
  message = g_strdup_printf (_("Imported into “%s” as revision %u"), profile_name, revision_number);
  _pb_window_toast (self, message);
}

GtkWidget *
_pb_window_present_import (PbWindow        *self,
                           PbConfiguration *imported,
                           const char      *file_display_name)
{
  GtkWidget *dialog;

  /* The dialog writes the store itself: our queued writes go first. */
  _pb_window_flush_draft (self);

  dialog = pb_import_dialog_new (GTK_WINDOW (self), self->store,
                                 self->profile ? pb_profile_get_name (self->profile) : NULL,
                                 imported, file_display_name);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (imported_cb), self, G_CONNECT_SWAPPED);
  _pb_window_present_dialog (self, GTK_WINDOW (dialog));

  return dialog;
}

/* Layout */

static void
pb_window_update_layout (PbWindow *self,
                         int       width)
{
  gboolean narrow = width < NARROW_WIDTH;
  gboolean folded = width < FOLD_WIDTH;

  if (narrow != self->narrow)
    {
      self->narrow = narrow;
      gtk_orientable_set_orientation (GTK_ORIENTABLE (self->grids_box),
                                      narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
      /* Publish cannot be used yet; on a phone its place is better spent. */
      gtk_widget_set_visible (GTK_WIDGET (self->publish_button), !narrow && self->profile != NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->fetch_button), !narrow && self->profile != NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->window_title), !narrow);
      if (narrow)
        gtk_widget_add_css_class (GTK_WIDGET (self), "narrow");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self), "narrow");
    }

  if (folded != self->folded)
    {
      self->folded = folded;
      adw_flap_set_fold_policy (self->flap, folded ? ADW_FLAP_FOLD_POLICY_ALWAYS
                                                   : ADW_FLAP_FOLD_POLICY_NEVER);
      adw_flap_set_reveal_flap (self->flap, !folded);
    }
}

static void
pb_window_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  PbWindow *self = PB_WINDOW (widget);

  /* Before the children are allocated, so they get the new layout now. */
  pb_window_update_layout (self, width);

  GTK_WIDGET_CLASS (pb_window_parent_class)->size_allocate (widget, width, height, baseline);
}

gboolean
pb_window_get_narrow (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), FALSE);
  return self->narrow;
}

/* Closing */

static void
close_response_cb (PbWindow         *self,
                   const char       *response,
                   AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "keep") == 0)
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  else if (g_strcmp0 (response, "save") == 0)
    {
      _pb_window_save_revision (self, NULL, TRUE);
    }
}

static void
save_window_state (PbWindow *self)
{
  GSettings *settings = pb_window_get_settings (self);
  int width, height;

  if (settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
pb_window_close_request (GtkWindow *window)
{
  PbWindow *self = PB_WINDOW (window);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Whatever is decided below, the last edits are in the store's draft. */
  if (self->refresh_source != 0)
    pb_window_refresh (self);
  pb_window_autosave (self);

  if (self->close_confirmed || !self->has_unsaved_changes || self->profile == NULL)
    {
      save_window_state (self);
      return GTK_WINDOW_CLASS (pb_window_parent_class)->close_request (window);
    }

  body = g_strdup_printf (_("The draft of “%s” has changes that are not saved as a revision. "
                            "The draft itself is kept either way and opens again next time."),
                          pb_profile_get_name (self->profile));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save a Revision Before Closing?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "keep", _("_Keep as Draft"),
                                    "save", _("_Save Revision"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, G_CONNECT_SWAPPED);
  _pb_window_present_dialog (self, GTK_WINDOW (dialog));

  return TRUE;
}

/* GObject */

static void
pb_window_dispose (GObject *object)
{
  PbWindow *self = (PbWindow *)object;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->switch_profile_source, g_source_remove);
  g_clear_object (&self->pending_profile);
  clear_pending_focus (self);

  if (self->draft != NULL)
    g_signal_handlers_disconnect_by_data (self->draft, self);

  if (self->status_list != NULL)
    gtk_list_view_set_model (self->status_list, NULL);
  if (self->state_list != NULL)
    gtk_list_view_set_model (self->state_list, NULL);

  if (self->dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *)&self->dialog);
      self->dialog = NULL;
    }

  /* The popups may hang off a row's button; they belong to the window. */
  if (self->status_popover != NULL && gtk_widget_get_parent (GTK_WIDGET (self->status_popover)) != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->status_popover));
  if (self->state_popover != NULL && gtk_widget_get_parent (GTK_WIDGET (self->state_popover)) != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->state_popover));
  g_clear_object (&self->status_popover);
  g_clear_object (&self->state_popover);

  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_WINDOW);

  g_clear_object (&self->status_model);
  g_clear_object (&self->state_model);
  g_clear_object (&self->state_tree);
  g_clear_object (&self->status_filter);
  g_clear_object (&self->state_filter);
  g_clear_object (&self->state_choices);
  g_clear_object (&self->presence_choices);
  g_clear_object (&self->undo_stack);
  g_clear_object (&self->findings);
  g_clear_object (&self->problem_tree);
  g_clear_object (&self->problem_groups);
  g_clear_object (&self->preview);
  g_clear_object (&self->draft);
  g_clear_object (&self->saved);
  g_clear_object (&self->profile);
  g_clear_object (&self->profiles);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pb_window_parent_class)->dispose (object);
}

static void
pb_window_finalize (GObject *object)
{
  PbWindow *self = (PbWindow *)object;

  /* Every queued write has its own references; this waits for them. */
  g_clear_object (&self->queue);
  g_clear_object (&self->application);
  g_clear_pointer (&self->status_rows, g_hash_table_unref);
  g_clear_pointer (&self->state_rows, g_hash_table_unref);
  g_clear_pointer (&self->search_key, g_free);

  G_OBJECT_CLASS (pb_window_parent_class)->finalize (object);
}

static void
pb_window_class_init (PbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pb_window_dispose;
  object_class->finalize = pb_window_finalize;
  widget_class->size_allocate = pb_window_size_allocate;
  window_class->close_request = pb_window_close_request;

  /* Types the template and its list item factories name. */
  g_type_ensure (PB_TYPE_PROFILE);
  g_type_ensure (PB_TYPE_PREVIEW_EVENT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/presencebridge/PresenceBridge/pb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PbWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, profile_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, fetch_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, publish_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, grids_box);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, status_stack);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, status_list);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, state_stack);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, state_list);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, revert_switch);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, post_call_label);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, revert_explanation);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, problems_icon);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, problems_summary);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, problems_stack);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, problems_list);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, problems_selection);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, preview_selection);

  gtk_widget_class_bind_template_callback (widget_class, profile_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_unbind_cb);
  gtk_widget_class_bind_template_callback (widget_class, state_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, state_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, state_unbind_cb);
  gtk_widget_class_bind_template_callback (widget_class, problem_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, problem_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, problem_unbind_cb);
  gtk_widget_class_bind_template_callback (widget_class, problem_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, revert_switch_cb);

  _pb_window_class_actions_init (klass);
}

/* In GTK 4.8 Tab walks a list row by row, all 5,000 of them; arrows do
 * that already. Tab leaves the list instead, as it leaves any other
 * widget. */
static gboolean
list_key_pressed_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     PbWindow              *self)
{
  GtkWidget *list = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkDirectionType direction;
  gboolean moved;

  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab && keyval != GDK_KEY_ISO_Left_Tab)
    return FALSE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  direction = keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK) != 0
              ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD;

  /* While the list cannot take the focus, moving it skips the whole list. */
  gtk_widget_set_can_focus (list, FALSE);
  moved = gtk_widget_child_focus (GTK_WIDGET (self), direction);
  gtk_widget_set_can_focus (list, TRUE);

  return moved;
}

static void
leave_list_on_tab (PbWindow    *self,
                   GtkListView *list)
{
  GtkEventController *controller = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (list_key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (list), controller);
}

static void
profile_item_setup_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_label_set_width_chars (GTK_LABEL (label), 4);
  gtk_list_item_set_child (item, label);
}

static void
profile_item_bind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      gpointer                  user_data)
{
  PbProfile *profile = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), pb_profile_get_name (profile));
}

static void
pb_window_init (PbWindow *self)
{
  g_autoptr(GtkListItemFactory) profile_factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* A long profile name must not push the header wider than a phone. */
  g_signal_connect (profile_factory, "setup", G_CALLBACK (profile_item_setup_cb), NULL);
  g_signal_connect (profile_factory, "bind", G_CALLBACK (profile_item_bind_cb), NULL);
  gtk_drop_down_set_factory (self->profile_dropdown, profile_factory);

  self->problem_groups = g_list_store_new (PB_TYPE_PROBLEM_GROUP);
  self->problem_tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->problem_groups)),
                                                FALSE, FALSE, create_problem_children, NULL, NULL);
  self->preview = G_LIST_MODEL (g_list_store_new (PB_TYPE_PREVIEW_EVENT));
  gtk_no_selection_set_model (self->problems_selection, G_LIST_MODEL (self->problem_tree));
  gtk_no_selection_set_model (self->preview_selection, self->preview);

  self->status_popover = g_object_ref_sink (PB_CHOICE_POPOVER (pb_choice_popover_new ()));
  self->state_popover = g_object_ref_sink (PB_CHOICE_POPOVER (pb_choice_popover_new ()));

  leave_list_on_tab (self, self->status_list);
  leave_list_on_tab (self, self->state_list);

  self->queue = pb_store_queue_new ();
  self->status_rows = g_hash_table_new (NULL, NULL);
  self->state_rows = g_hash_table_new (NULL, NULL);
  self->status_filter = gtk_custom_filter_new (status_filter_func, self, NULL);
  self->state_filter = gtk_custom_filter_new (state_filter_func, self, NULL);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));

  update_title (self);
}

PbWindow *
pb_window_new (AdwApplication *application,
               PbStore        *store,
               const char     *profile_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbProfile) profile = NULL;
  GSettings *settings;
  PbWindow *self;

  g_return_val_if_fail (ADW_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (store == NULL || PB_IS_STORE (store), NULL);

  self = g_object_new (PB_TYPE_WINDOW, "application", application, NULL);
  self->application = g_object_ref (G_APPLICATION (application));

  settings = pb_window_get_settings (self);
  if (settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  else
    {
      gtk_window_set_default_size (GTK_WINDOW (self), 1200, 760);
    }

  /* The layout for that size from the start: the first measure must not
   * ask for the room of a wider layout, or the window would open wider. */
  {
    int width, height;

    gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
    pb_window_update_layout (self, width);
  }

  if (store == NULL)
    {
      update_main_page (self);
      _pb_window_actions_update (self);
      return self;
    }

  self->store = g_object_ref (store);

  if (profile_name != NULL && profile_name[0] != '\0')
    profile = pb_store_lookup_profile (store, profile_name, NULL);
  if (profile == NULL)
    profile = pb_store_get_default_profile (store, NULL);

  if (profile != NULL && !_pb_window_load_profile (self, profile, &error))
    _pb_window_show_error (self, _("The Profile Could Not Be Opened"), error->message);

  _pb_window_reload_profiles (self);
  update_main_page (self);
  _pb_window_actions_update (self);

  return self;
}

void
pb_window_show_store_error (PbWindow     *self,
                            const GError *error)
{
  g_autofree char *description = NULL;

  g_return_if_fail (PB_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  if (g_error_matches (error, PB_ERROR, PB_ERROR_STORE_NEWER))
    description = g_strdup_printf (_("%s\n\nUse a newer version of Presence Bridge. This one leaves the store untouched."),
                                   error->message);
  else
    description = g_strdup (error->message);

  adw_status_page_set_description (self->error_page, description);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
  _pb_window_show_error (self, _("The Store Cannot Be Opened"), error->message);
}

PbStore *
pb_window_get_store (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);
  return self->store;
}

PbProfile *
pb_window_get_profile (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);
  return self->profile;
}

PbConfiguration *
pb_window_get_draft (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);
  return self->draft;
}

gboolean
pb_window_get_has_unsaved_changes (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), FALSE);
  return self->has_unsaved_changes;
}

guint
pb_window_get_saved_revision (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), 0);
  return self->saved_number;
}

GListModel *
pb_window_get_findings (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);
  return self->findings;
}

GListModel *
pb_window_get_preview (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);
  return self->preview;
}

GListModel *
pb_window_get_status_model (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->status_model);
}

GListModel *
pb_window_get_state_model (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->state_model);
}

gboolean
pb_window_get_busy (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), FALSE);
  return self->n_jobs > 0;
}

GtkWindow *
pb_window_get_dialog (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);
  return self->dialog;
}
