/* pb-history-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-dialog-util.h"
#include "pb-diff.h"
#include "pb-history-dialog.h"
#include "pb-revision-row.h"
#include "pb-ui-util.h"

struct _PbHistoryDialog
{
  AdwWindow parent_instance;

  PbSession *session;
  PbStore *store;
  PbProfile *profile;
  GListStore *revisions;
  /* What each entry of the "Compared with" drop-down stands for: a revision
   * number, or 0 for the current draft. */
  GArray *compare_numbers;

  GCancellable *cancellable;
  GCancellable *compare_cancellable;
  guint n_pending;
  guint compare_number;    /* the revision being compared ... */
  guint compare_other;     /* ... with this one, or 0: the draft */
  PbConfiguration *compare_after; /* the first, read while the second is */
  guint restoring : 1;
  guint updating_compare : 1;

  GtkStack *main_stack;
  AdwLeaflet *leaflet;
  GtkWidget *content;
  GtkSingleSelection *revision_selection;
  GtkWidget *revision_list;
  AdwWindowTitle *revision_title;
  GtkDropDown *compare_drop_down;
  GtkLabel *compare_explanation;
  GtkSpinner *spinner;
  PbDiffView *diff_view;
};

G_DEFINE_FINAL_TYPE (PbHistoryDialog, pb_history_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_BUSY,
  N_PROPS
};

enum {
  RESTORED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
pb_history_dialog_update_actions (PbHistoryDialog *self)
{
  gboolean has_selection = gtk_single_selection_get_selected_item (self->revision_selection) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.restore",
                                 has_selection && !self->restoring);
}

static void
pb_history_dialog_hold (PbHistoryDialog *self)
{
  pb_dialog_hold (G_OBJECT (self), &self->n_pending, self->spinner, properties[PROP_BUSY]);
}

static void
pb_history_dialog_release (PbHistoryDialog *self)
{
  pb_dialog_release (G_OBJECT (self), &self->n_pending, self->spinner, properties[PROP_BUSY]);
}

/* The comparison reads the revisions with the store's own asynchronous
 * calls; the draft is the session's, as the window shows it. */

static void
show_changes (PbHistoryDialog *self,
              PbConfiguration *before,
              PbConfiguration *after)
{
  g_autoptr(GListModel) changes = pb_diff_configurations (before, after);

  pb_diff_view_set_changes (self->diff_view, changes);
  pb_history_dialog_release (self);
}

static void
compare_failed (PbHistoryDialog *self,
                GError          *error)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      pb_dialog_show_error (GTK_WINDOW (self), _("Could Not Compare the Revisions"), error);
      pb_diff_view_set_changes (self->diff_view, NULL);
    }
  pb_history_dialog_release (self);
}

static void
other_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PbHistoryDialog) self = user_data;
  g_autoptr(PbConfiguration) before = NULL;
  g_autoptr(PbConfiguration) after = g_steal_pointer (&self->compare_after);
  g_autoptr(GError) error = NULL;

  before = pb_store_load_revision_finish (PB_STORE (object), result, &error);
  if (before == NULL)
    compare_failed (self, error);
  else
    show_changes (self, before, after);
}

static void
revision_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PbHistoryDialog) self = user_data;
  g_autoptr(PbConfiguration) after = NULL;
  g_autoptr(GError) error = NULL;

  after = pb_store_load_revision_finish (PB_STORE (object), result, &error);
  if (after == NULL)
    {
      compare_failed (self, error);
      return;
    }

  if (self->compare_other == 0)
    {
      show_changes (self, pb_session_get_draft (self->session), after);
      return;
    }

  g_set_object (&self->compare_after, after);
  pb_store_load_revision_async (self->store, self->profile, self->compare_other, self->compare_cancellable,
                                other_loaded_cb, g_object_ref (self));
}

static PbRevision *
pb_history_dialog_get_selected (PbHistoryDialog *self)
{
  return gtk_single_selection_get_selected_item (self->revision_selection);
}

static void
pb_history_dialog_compare (PbHistoryDialog *self)
{
  PbRevision *revision = pb_history_dialog_get_selected (self);
  guint selected = gtk_drop_down_get_selected (self->compare_drop_down);
  g_cancellable_cancel (self->compare_cancellable);
  g_clear_object (&self->compare_cancellable);

  if (revision == NULL || selected >= self->compare_numbers->len)
    {
      pb_diff_view_set_changes (self->diff_view, NULL);
      gtk_label_set_label (self->compare_explanation, "");
      return;
    }

  self->compare_number = pb_revision_get_number (revision);
  self->compare_other = g_array_index (self->compare_numbers, guint, selected);

  if (self->compare_other == 0)
    {
      g_autofree char *text =
        g_strdup_printf (_("What restoring revision %u would change in the current draft."),
                         self->compare_number);
      gtk_label_set_label (self->compare_explanation, text);
    }
  else
    {
      g_autofree char *text =
        /* Translators: both %u are revision numbers */
        g_strdup_printf (_("What changes going from revision %u to revision %u."),
                         self->compare_other, self->compare_number);
      gtk_label_set_label (self->compare_explanation, text);
    }

  self->compare_cancellable = g_cancellable_new ();
  pb_history_dialog_hold (self);
  pb_store_load_revision_async (self->store, self->profile, self->compare_number, self->compare_cancellable,
                                revision_loaded_cb, g_object_ref (self));
}

static void
pb_history_dialog_fill_compare (PbHistoryDialog *self,
                                PbRevision      *revision)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint n_revisions = g_list_model_get_n_items (G_LIST_MODEL (self->revisions));
  guint number = pb_revision_get_number (revision);
  guint default_position = 0;
  guint zero = 0;

  g_array_set_size (self->compare_numbers, 0);

  gtk_string_list_append (labels, _("Current draft"));
  g_array_append_val (self->compare_numbers, zero);

  for (guint i = 0; i < n_revisions; i++)
    {
      g_autoptr(PbRevision) other = g_list_model_get_item (G_LIST_MODEL (self->revisions), i);
      guint other_number = pb_revision_get_number (other);
      g_autofree char *time = NULL;
      g_autofree char *label = NULL;

      if (other_number == number)
        continue;

      time = pb_revision_dup_local_time (other);
      /* Translators: an entry of "Compared with": revision number, how it
       * was recorded ("Saved", "Imported"…) and when */
      label = g_strdup_printf (_("Revision %u · %s · %s"),
                               other_number, pb_revision_source_label (pb_revision_get_source (other)), time);
      gtk_string_list_append (labels, label);
      g_array_append_val (self->compare_numbers, other_number);

      /* By default a revision is compared with the one before it, which
       * shows what that revision changed. */
      if (default_position == 0 && other_number < number)
        default_position = self->compare_numbers->len - 1;
    }

  self->updating_compare = TRUE;
  gtk_drop_down_set_model (self->compare_drop_down, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->compare_drop_down, default_position);
  self->updating_compare = FALSE;
}

static void
revision_selected_cb (PbHistoryDialog *self)
{
  PbRevision *revision = pb_history_dialog_get_selected (self);

  pb_history_dialog_update_actions (self);

  if (revision == NULL)
    {
      adw_window_title_set_title (self->revision_title, "");
      adw_window_title_set_subtitle (self->revision_title, "");
    }
  else
    {
      g_autofree char *title = g_strdup_printf (_("Revision %u"), pb_revision_get_number (revision));
      g_autofree char *time = pb_revision_dup_local_time (revision);
      /* Translators: how a revision was recorded ("Saved", "Imported"…) and when */
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s"),
                                                   pb_revision_source_label (pb_revision_get_source (revision)),
                                                   time);

      adw_window_title_set_title (self->revision_title, title);
      adw_window_title_set_subtitle (self->revision_title, subtitle);
      pb_history_dialog_fill_compare (self, revision);
    }

  pb_history_dialog_compare (self);
}

/* The drop-down's own factory would not let a long entry shrink to fit a
 * narrow window. */
static void
compare_item_setup_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *list_item,
                       PbHistoryDialog          *self)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "xalign", 0.0f,
                                   "ellipsize", PANGO_ELLIPSIZE_END,
                                   NULL);

  gtk_list_item_set_child (list_item, label);
}

static void
compare_item_bind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      PbHistoryDialog          *self)
{
  GtkStringObject *item = gtk_list_item_get_item (list_item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)),
                       gtk_string_object_get_string (item));
}

static void
compare_selected_cb (PbHistoryDialog *self)
{
  if (self->updating_compare)
    return;

  pb_history_dialog_compare (self);
}

static void
revision_activated_cb (PbHistoryDialog *self,
                       guint            position)
{
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
back_clicked_cb (PbHistoryDialog *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
revision_row_setup_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *list_item,
                       PbHistoryDialog          *self)
{
  gtk_list_item_set_child (list_item, pb_revision_row_new ());
}

static void
revision_row_bind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      PbHistoryDialog          *self)
{
  pb_revision_row_set (gtk_list_item_get_child (list_item), gtk_list_item_get_item (list_item));
}

static void
list_revisions_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PbHistoryDialog) self = user_data;
  g_autoptr(GListModel) revisions = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  guint n_items;

  revisions = pb_store_list_revisions_finish (PB_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      pb_history_dialog_release (self);
      return;
    }

  if (revisions == NULL)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      pb_dialog_show_error (GTK_WINDOW (self), _("Could Not Read the History"), error);
      pb_history_dialog_release (self);
      return;
    }

  /* One splice, so the selection (and the first comparison) only starts
   * once the whole list is there. */
  n_items = g_list_model_get_n_items (revisions);
  items = g_ptr_array_new_full (n_items, g_object_unref);
  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (items, g_list_model_get_item (revisions, i));
  g_list_store_splice (self->revisions, 0, 0, items->pdata, items->len);

  gtk_stack_set_visible_child_name (self->main_stack, n_items > 0 ? "history" : "empty");
  /* The focus starts on the revision selected, in the list. */
  if (n_items > 0)
    gtk_widget_child_focus (self->revision_list, GTK_DIR_TAB_FORWARD);

  pb_history_dialog_release (self);
}

static void
restore_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PbHistoryDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  guint restored;

  restored = pb_session_restore_finish (PB_SESSION (object), result, &error);
  self->restoring = FALSE;
  pb_history_dialog_release (self);

  /* The restore is not cancellable (the dialog refuses to close meanwhile),
   * but its parent may have been destroyed: the signal still tells the
   * window's owner that the draft changed. */
  if (restored > 0)
    {
      g_signal_emit (self, signals[RESTORED], 0, restored);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (self->diff_view == NULL)
    return;

  pb_history_dialog_update_actions (self);
  pb_dialog_show_error (GTK_WINDOW (self), _("Could Not Restore the Revision"), error);
}

static void
confirm_restore_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    PbHistoryDialog  *self)
{
  guint number = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "revision"));

  if (g_strcmp0 (response, "restore") != 0 || self->restoring)
    return;

  self->restoring = TRUE;
  pb_history_dialog_update_actions (self);
  pb_history_dialog_hold (self);

  /* Through the session: the window's draft follows, and undo brings
   * the draft before the restore back. */
  pb_session_restore_async (self->session, number, NULL, restore_cb, g_object_ref (self));
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PbHistoryDialog *self = PB_HISTORY_DIALOG (widget);
  PbRevision *revision = pb_history_dialog_get_selected (self);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;
  guint number;

  if (revision == NULL)
    return;

  number = pb_revision_get_number (revision);
  heading = g_strdup_printf (_("Restore Revision %u as the Draft?"), number);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("The draft is replaced by this revision, and the restore "
                                     "is recorded as a new revision. Undo in the window brings "
                                     "the current draft back."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "revision", GUINT_TO_POINTER (number));
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_restore_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
pb_history_dialog_close_request (GtkWindow *window)
{
  PbHistoryDialog *self = PB_HISTORY_DIALOG (window);

  /* A restore is one short transaction: let it finish so its result is
   * never lost with the dialog. */
  return pb_dialog_close_request (window, GTK_WINDOW_CLASS (pb_history_dialog_parent_class),
                                  self->restoring);
}

static void
pb_history_dialog_constructed (GObject *object)
{
  PbHistoryDialog *self = (PbHistoryDialog *)object;

  G_OBJECT_CLASS (pb_history_dialog_parent_class)->constructed (object);

  g_return_if_fail (PB_IS_SESSION (self->session));

  self->store = g_object_ref (pb_session_get_store (self->session));
  self->profile = g_object_ref (pb_session_get_profile (self->session));

  pb_history_dialog_hold (self);
  pb_store_list_revisions_async (self->store, self->profile, self->cancellable,
                                 list_revisions_cb, g_object_ref (self));
}

static void
pb_history_dialog_dispose (GObject *object)
{
  PbHistoryDialog *self = (PbHistoryDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->compare_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_HISTORY_DIALOG);

  G_OBJECT_CLASS (pb_history_dialog_parent_class)->dispose (object);
}

static void
pb_history_dialog_finalize (GObject *object)
{
  PbHistoryDialog *self = (PbHistoryDialog *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->store);
  g_clear_object (&self->profile);
  g_clear_object (&self->compare_after);
  g_clear_object (&self->revisions);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->compare_cancellable);
  g_clear_pointer (&self->compare_numbers, g_array_unref);

  G_OBJECT_CLASS (pb_history_dialog_parent_class)->finalize (object);
}

static void
pb_history_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PbHistoryDialog *self = PB_HISTORY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, pb_history_dialog_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_history_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PbHistoryDialog *self = PB_HISTORY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_history_dialog_class_init (PbHistoryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = pb_history_dialog_constructed;
  object_class->dispose = pb_history_dialog_dispose;
  object_class->finalize = pb_history_dialog_finalize;
  object_class->get_property = pb_history_dialog_get_property;
  object_class->set_property = pb_history_dialog_set_property;

  window_class->close_request = pb_history_dialog_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, PB_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[RESTORED] =
    g_signal_new ("restored",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/presencebridge/PresenceBridge/pb-history-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PbHistoryDialog, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PbHistoryDialog, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PbHistoryDialog, content);
  gtk_widget_class_bind_template_child (widget_class, PbHistoryDialog, revision_selection);
  gtk_widget_class_bind_template_child (widget_class, PbHistoryDialog, revision_list);
  gtk_widget_class_bind_template_child (widget_class, PbHistoryDialog, revision_title);
  gtk_widget_class_bind_template_child (widget_class, PbHistoryDialog, compare_drop_down);
  gtk_widget_class_bind_template_child (widget_class, PbHistoryDialog, compare_explanation);
  gtk_widget_class_bind_template_child (widget_class, PbHistoryDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PbHistoryDialog, diff_view);
  gtk_widget_class_bind_template_callback (widget_class, revision_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, revision_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, revision_row_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, revision_row_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, compare_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);

  gtk_widget_class_install_action (widget_class, "history.restore", NULL, restore_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
pb_history_dialog_init (PbHistoryDialog *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  g_type_ensure (PB_TYPE_DIFF_VIEW);

  self->revisions = g_list_store_new (PB_TYPE_REVISION);
  self->compare_numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_single_selection_set_model (self->revision_selection, G_LIST_MODEL (self->revisions));
  /* Tab passes the list (the arrows move in it): passing it must not
   * select each revision on the way. */
  pb_ui_list_view_leave_on_tab (self->revision_list);

  /* Given here rather than in the template: GTK 4.8's drop-down never sets
   * up its button with a factory that a template sets. */
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (compare_item_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (compare_item_bind_cb), self);
  gtk_drop_down_set_factory (self->compare_drop_down, factory);
  pb_history_dialog_update_actions (self);
}

GtkWidget *
pb_history_dialog_new (GtkWindow *parent,
                       PbSession *session)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PB_IS_SESSION (session), NULL);

  return g_object_new (PB_TYPE_HISTORY_DIALOG,
                       "transient-for", parent,
                       "session", session,
                       NULL);
}

gboolean
pb_history_dialog_get_busy (PbHistoryDialog *self)
{
  g_return_val_if_fail (PB_IS_HISTORY_DIALOG (self), FALSE);

  return self->n_pending > 0;
}

void
pb_history_dialog_select_revision (PbHistoryDialog *self,
                                   guint            number)
{
  guint n_items;

  g_return_if_fail (PB_IS_HISTORY_DIALOG (self));

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->revisions));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PbRevision) revision = g_list_model_get_item (G_LIST_MODEL (self->revisions), i);

      if (pb_revision_get_number (revision) == number)
        {
          gtk_single_selection_set_selected (self->revision_selection, i);
          return;
        }
    }

  g_warning ("No revision %u in the history", number);
}

PbDiffView *
pb_history_dialog_get_diff_view (PbHistoryDialog *self)
{
  g_return_val_if_fail (PB_IS_HISTORY_DIALOG (self), NULL);

  return self->diff_view;
}
