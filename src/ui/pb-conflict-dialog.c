/* pb-conflict-dialog.c: the draft against the platform's configuration, row by row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-conflict-choice-row.h"
#include "pb-conflict-dialog.h"
#include "pb-dialog-util.h"

struct _PbConflictDialog
{
  AdwWindow parent_instance;

  PbSession *session;
  PbConflict *conflict;
  GCancellable *cancellable;
  guint n_pending;

  GtkButton *cancel_button;
  GtkButton *apply_button;
  GtkSpinner *spinner;
  GtkLabel *summary_label;
  GtkButton *all_local_button;
  GtkButton *all_remote_button;
  GtkListBox *list_box;
  GtkWidget *content_box;
};

G_DEFINE_FINAL_TYPE (PbConflictDialog, pb_conflict_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_BUSY,
  N_PROPS
};

enum {
  RESOLVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  return pb_conflict_choice_row_new (item);
}

static gboolean
all_chosen (PbConflictDialog *self,
            PbConflictSide    side)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->conflict));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbConflictRow) row = g_list_model_get_item (G_LIST_MODEL (self->conflict), i);

      if (pb_conflict_row_get_choice (row) != side)
        return FALSE;
    }

  return TRUE;
}

static void
update_sensitivity (PbConflictDialog *self)
{
  gboolean busy = self->n_pending > 0;

  gtk_widget_set_sensitive (self->content_box, !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conflict.apply", !busy);
}

static void
resolved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PbConflictDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  pb_dialog_release (G_OBJECT (self), &self->n_pending, self->spinner, properties[PROP_BUSY]);
  update_sensitivity (self);

  if (!pb_session_resolve_conflict_finish (PB_SESSION (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pb_dialog_show_error (GTK_WINDOW (self), _("The Conflict Was Not Resolved"), error);
      return;
    }

  g_signal_emit (self, signals[RESOLVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* conflict.apply: the Apply button, and Ctrl+Enter wherever the focus is
 * (Enter on a version chooses it). */
static void
pb_conflict_dialog_apply_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  PbConflictDialog *self = PB_CONFLICT_DIALOG (widget);
  gboolean keep_local = TRUE;

  if (self->n_pending > 0)
    return;

  /* Taking every row of the platform's is "take remote", which the
   * history records as such; anything else is a merge made the draft,
   * then kept against the platform's version. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->conflict)) > 0 &&
      all_chosen (self, PB_CONFLICT_SIDE_REMOTE))
    {
      keep_local = FALSE;
    }
  else
    {
      g_autoptr(PbConfiguration) merged = pb_conflict_build_merged (self->conflict);

      pb_session_replace_mapping (self->session, merged);
    }

  pb_dialog_hold (G_OBJECT (self), &self->n_pending, self->spinner, properties[PROP_BUSY]);
  update_sensitivity (self);
  pb_session_resolve_conflict_async (self->session, keep_local, self->cancellable,
                                     resolved_cb, g_object_ref (self));
}

static void
all_local_clicked_cb (PbConflictDialog *self)
{
  pb_conflict_choose_all (self->conflict, PB_CONFLICT_SIDE_LOCAL);
}

static void
all_remote_clicked_cb (PbConflictDialog *self)
{
  pb_conflict_choose_all (self->conflict, PB_CONFLICT_SIDE_REMOTE);
}

static char *
dup_summary (PbConflictDialog *self)
{
  PbRemoteConfiguration *base = pb_session_get_base (self->session);
  PbRemoteConfiguration *remote = pb_session_get_remote (self->session);
  guint n_rows = g_list_model_get_n_items (G_LIST_MODEL (self->conflict));
  guint n_both = pb_conflict_get_n_both (self->conflict);
  g_autoptr(GString) text = g_string_new (NULL);

  if (base != NULL && remote != NULL)
    g_string_append_printf (text,
                            /* Translators: two revision numbers of the platform's configuration */
                            _("The platform’s configuration changed from revision %lld to %lld "
                              "since your draft was based on it."),
                            (long long) pb_remote_configuration_get_revision (base),
                            (long long) pb_remote_configuration_get_revision (remote));
  else
    g_string_append (text, _("The platform’s configuration changed since your draft was based on it."));

  g_string_append_c (text, ' ');
  g_string_append_printf (text,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%u row differs: choose which version the draft keeps.",
                                       "%u rows differ: choose which version the draft keeps.",
                                       n_rows),
                          n_rows);
  if (n_both > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u of them was changed on both sides.",
                                           "%u of them were changed on both sides.",
                                           n_both),
                              n_both);
    }
  g_string_append_c (text, ' ');
  g_string_append (text, _("Nothing is published until you publish."));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
pb_conflict_dialog_constructed (GObject *object)
{
  PbConflictDialog *self = (PbConflictDialog *)object;
  PbRemoteConfiguration *base = pb_session_get_base (self->session);
  PbRemoteConfiguration *remote = pb_session_get_remote (self->session);
  g_autofree char *summary = NULL;

  G_OBJECT_CLASS (pb_conflict_dialog_parent_class)->constructed (object);

  g_return_if_fail (remote != NULL);

  self->conflict = pb_conflict_new (pb_session_get_draft (self->session),
                                    base != NULL ? pb_remote_configuration_get_configuration (base) : NULL,
                                    pb_remote_configuration_get_configuration (remote));
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->conflict), create_row_cb, NULL, NULL);

  summary = dup_summary (self);
  gtk_label_set_text (self->summary_label, summary);
  update_sensitivity (self);

  /* The keyboard starts on the first row's choice, not on Cancel. */
  {
    GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->list_box, 0);

    if (first != NULL)
      pb_conflict_choice_row_focus_choice (PB_CONFLICT_CHOICE_ROW (first));
  }
}

static gboolean
pb_conflict_dialog_close_request (GtkWindow *window)
{
  PbConflictDialog *self = PB_CONFLICT_DIALOG (window);

  return pb_dialog_close_request (window, GTK_WINDOW_CLASS (pb_conflict_dialog_parent_class),
                                  self->n_pending > 0);
}

static void
pb_conflict_dialog_dispose (GObject *object)
{
  PbConflictDialog *self = (PbConflictDialog *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_CONFLICT_DIALOG);

  G_OBJECT_CLASS (pb_conflict_dialog_parent_class)->dispose (object);
}

static void
pb_conflict_dialog_finalize (GObject *object)
{
  PbConflictDialog *self = (PbConflictDialog *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->conflict);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pb_conflict_dialog_parent_class)->finalize (object);
}

static void
pb_conflict_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PbConflictDialog *self = PB_CONFLICT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->n_pending > 0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_conflict_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PbConflictDialog *self = PB_CONFLICT_DIALOG (object);

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
pb_conflict_dialog_class_init (PbConflictDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = pb_conflict_dialog_constructed;
  object_class->dispose = pb_conflict_dialog_dispose;
  object_class->finalize = pb_conflict_dialog_finalize;
  object_class->get_property = pb_conflict_dialog_get_property;
  object_class->set_property = pb_conflict_dialog_set_property;
  window_class->close_request = pb_conflict_dialog_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, PB_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Resolving: tests wait on its notification. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[RESOLVED] =
    g_signal_new ("resolved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "conflict.apply", NULL, pb_conflict_dialog_apply_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "conflict.apply", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "conflict.apply", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/presencebridge/PresenceBridge/pb-conflict-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PbConflictDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PbConflictDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, PbConflictDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PbConflictDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PbConflictDialog, all_local_button);
  gtk_widget_class_bind_template_child (widget_class, PbConflictDialog, all_remote_button);
  gtk_widget_class_bind_template_child (widget_class, PbConflictDialog, list_box);
  gtk_widget_class_bind_template_child (widget_class, PbConflictDialog, content_box);
  gtk_widget_class_bind_template_callback (widget_class, all_local_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, all_remote_clicked_cb);
}

static void
pb_conflict_dialog_init (PbConflictDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

PbConflictDialog *
pb_conflict_dialog_new (GtkWindow *parent,
                        PbSession *session)
{
  g_return_val_if_fail (PB_IS_SESSION (session), NULL);

  return g_object_new (PB_TYPE_CONFLICT_DIALOG,
                       "transient-for", parent,
                       "session", session,
                       NULL);
}

PbConflict *
pb_conflict_dialog_get_conflict (PbConflictDialog *self)
{
  g_return_val_if_fail (PB_IS_CONFLICT_DIALOG (self), NULL);
  return self->conflict;
}
