/* pb-import-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-dialog-util.h"
#include "pb-error.h"
#include "pb-import-dialog.h"

struct _PbImportDialog
{
  AdwWindow parent_instance;

  PbStore *store;
  PbSession *session;   /* the window's, may be NULL */
  char *profile_name;
  PbConfiguration *imported;
  char *file_display_name;

  /* What the import does, once planned (the CLI's policy, in core). */
  PbImportPlan *plan;
  char *target_name;
  guint importing : 1;

  GCancellable *cancellable;
  guint n_pending;

  GtkLabel *summary_label;
  GtkLabel *detail_label;
  GtkWidget *errors_box;
  GtkLabel *errors_label;
  GtkWidget *snapshot_box;
  GtkSpinner *spinner;
  GtkWidget *import_button;
  AdwEntryRow *comment_row;
  PbDiffView *diff_view;
  PbDiffView *snapshot_view;
};

G_DEFINE_FINAL_TYPE (PbImportDialog, pb_import_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SESSION,
  PROP_PROFILE_NAME,
  PROP_IMPORTED,
  PROP_FILE_DISPLAY_NAME,
  PROP_BUSY,
  N_PROPS
};

enum {
  IMPORTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
pb_import_dialog_update_actions (PbImportDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.apply",
                                 self->plan != NULL && !self->importing);
}

static void
pb_import_dialog_hold (PbImportDialog *self)
{
  pb_dialog_hold (G_OBJECT (self), &self->n_pending, self->spinner, properties[PROP_BUSY]);
}

static void
pb_import_dialog_release (PbImportDialog *self)
{
  pb_dialog_release (G_OBJECT (self), &self->n_pending, self->spinner, properties[PROP_BUSY]);
}

static void
pb_import_dialog_show_summary (PbImportDialog *self)
{
  g_autofree char *summary = NULL;
  GListModel *changes = pb_import_plan_get_changes (self->plan);
  GListModel *list_changes = pb_import_plan_get_list_changes (self->plan);
  guint n_errors = pb_import_plan_get_n_errors (self->plan);

  if (pb_import_plan_get_creates_profile (self->plan))
    /* Translators: first %s is a file name, second %s a profile name */
    summary = g_strdup_printf (_("Import “%s” into the new profile “%s”"),
                               self->file_display_name, self->target_name);
  else
    /* Translators: first %s is a file name, second %s a profile name */
    summary = g_strdup_printf (_("Import “%s” into “%s”"),
                               self->file_display_name, self->target_name);
  gtk_label_set_label (self->summary_label, summary);

  if (g_list_model_get_n_items (changes) == 0)
    {
      gtk_label_set_label (self->detail_label,
                           _("The profile already has this configuration. Importing it "
                             "records it as a new revision all the same."));
      gtk_widget_set_visible (GTK_WIDGET (self->detail_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->detail_label), FALSE);

  if (n_errors > 0)
    {
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "This configuration has %u error. It can be imported "
                                      "and becomes the draft, but it cannot be saved or "
                                      "published until the error is fixed.",
                                      "This configuration has %u errors. It can be imported "
                                      "and becomes the draft, but it cannot be saved or "
                                      "published until the errors are fixed.",
                                      n_errors),
                         n_errors);
      gtk_label_set_label (self->errors_label, text);
    }
  gtk_widget_set_visible (self->errors_box, n_errors > 0);

  pb_diff_view_set_changes (self->diff_view, changes);
  /* A profile that keeps its fetched lists only takes the file's mapping:
   * how the file's lists differ is not among the changes, but the
   * administrator must see it all the same. */
  pb_diff_view_set_changes (self->snapshot_view, list_changes);
  gtk_widget_set_visible (self->snapshot_box,
                          pb_import_plan_get_keeps_lists (self->plan) &&
                          g_list_model_get_n_items (list_changes) > 0);
}

static void
planned_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PbImportDialog) self = user_data;
  g_autoptr(PbImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  plan = pb_import_plan_new_finish (result, &error);
  if (plan == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *summary =
            /* Translators: %s is a file name */
            g_strdup_printf (_("“%s” cannot be imported here"), self->file_display_name);

          gtk_label_set_label (self->summary_label, summary);
          gtk_label_set_label (self->detail_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->detail_label), TRUE);
          pb_dialog_show_error (GTK_WINDOW (self), _("Could Not Prepare the Import"), error);
        }
      pb_import_dialog_release (self);
      return;
    }

  self->plan = g_steal_pointer (&plan);
  g_free (self->target_name);
  self->target_name = g_strdup (pb_import_plan_get_profile_name (self->plan));

  pb_import_dialog_show_summary (self);
  pb_import_dialog_update_actions (self);
  pb_import_dialog_release (self);

  /* Import is what the dialog is for: the focus goes to it (it could not
   * take it while the differences were computed), so Enter imports, as
   * in any GNOME dialog, and Escape cancels. */
  gtk_widget_grab_focus (self->import_button);
}

static void
import_finished (PbImportDialog *self,
                 guint           revision,
                 const char     *target_name,
                 GError         *error)
{
  self->importing = FALSE;
  pb_import_dialog_release (self);

  /* Not cancellable (the dialog refuses to close meanwhile), but the parent
   * may have gone: the signal still tells the owner what was recorded. */
  if (revision > 0)
    {
      g_signal_emit (self, signals[IMPORTED], 0, revision, target_name);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (self->diff_view == NULL)
    return;

  pb_import_dialog_update_actions (self);
  pb_dialog_show_error (GTK_WINDOW (self), _("Could Not Import"), error);
}

static void
session_imported_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(PbImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  guint revision;

  revision = pb_session_import_finish (PB_SESSION (object), result, &error);
  import_finished (self, revision, self->target_name, error);
}

static void
plan_applied_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PbImportDialog) self = user_data;
  g_autoptr(PbProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  guint revision;

  revision = pb_import_plan_apply_finish (PB_IMPORT_PLAN (object), result, NULL, &profile, &error);
  import_finished (self, revision, profile != NULL ? pb_profile_get_name (profile) : self->target_name, error);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  pb_import_dialog_apply (PB_IMPORT_DIALOG (widget));
}

static gboolean
pb_import_dialog_close_request (GtkWindow *window)
{
  PbImportDialog *self = PB_IMPORT_DIALOG (window);

  /* The import is one transaction: let it finish so its result (or its
   * error) is never lost with the dialog. */
  return pb_dialog_close_request (window, GTK_WINDOW_CLASS (pb_import_dialog_parent_class),
                                  self->importing);
}

static void
pb_import_dialog_constructed (GObject *object)
{
  PbImportDialog *self = (PbImportDialog *)object;
  g_autofree char *comment = NULL;
  g_autofree char *summary = NULL;

  G_OBJECT_CLASS (pb_import_dialog_parent_class)->constructed (object);

  g_return_if_fail (PB_IS_STORE (self->store));
  g_return_if_fail (PB_IS_CONFIGURATION (self->imported));
  g_return_if_fail (self->session == NULL || pb_session_get_store (self->session) == self->store);

  if (self->file_display_name == NULL)
    self->file_display_name = g_strdup (_("Unnamed file"));

  /* Translators: the comment of the revision an import records; %s is a file name */
  comment = g_strdup_printf (_("Imported from %s"), self->file_display_name);
  gtk_editable_set_text (GTK_EDITABLE (self->comment_row), comment);

  /* Translators: %s is a file name */
  summary = g_strdup_printf (_("Import “%s”"), self->file_display_name);
  gtk_label_set_label (self->summary_label, summary);

  pb_import_dialog_hold (self);
  pb_import_plan_new_async (self->store, self->profile_name, self->imported, self->cancellable,
                            planned_cb, g_object_ref (self));
}

static void
pb_import_dialog_dispose (GObject *object)
{
  PbImportDialog *self = (PbImportDialog *)object;

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (pb_import_dialog_parent_class)->dispose (object);
}

static void
pb_import_dialog_finalize (GObject *object)
{
  PbImportDialog *self = (PbImportDialog *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_clear_object (&self->plan);
  g_clear_pointer (&self->profile_name, g_free);
  g_clear_object (&self->imported);
  g_clear_pointer (&self->file_display_name, g_free);
  g_clear_pointer (&self->target_name, g_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pb_import_dialog_parent_class)->finalize (object);
}

static void
pb_import_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PbImportDialog *self = PB_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_PROFILE_NAME:
      g_value_set_string (value, self->profile_name);
      break;
    case PROP_IMPORTED:
      g_value_set_object (value, self->imported);
      break;
    case PROP_FILE_DISPLAY_NAME:
      g_value_set_string (value, self->file_display_name);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, pb_import_dialog_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_import_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PbImportDialog *self = PB_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_PROFILE_NAME:
      self->profile_name = g_value_dup_string (value);
      break;
    case PROP_IMPORTED:
      self->imported = g_value_dup_object (value);
      break;
    case PROP_FILE_DISPLAY_NAME:
      self->file_display_name = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_import_dialog_class_init (PbImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = pb_import_dialog_constructed;
  object_class->dispose = pb_import_dialog_dispose;
  object_class->finalize = pb_import_dialog_finalize;
  object_class->get_property = pb_import_dialog_get_property;
  object_class->set_property = pb_import_dialog_set_property;

  window_class->close_request = pb_import_dialog_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, PB_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFILE_NAME] =
    g_param_spec_string ("profile-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IMPORTED] =
    g_param_spec_object ("imported", NULL, NULL, PB_TYPE_CONFIGURATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE_DISPLAY_NAME] =
    g_param_spec_string ("file-display-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[IMPORTED] =
    g_signal_new ("imported",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/presencebridge/PresenceBridge/pb-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PbImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PbImportDialog, detail_label);
  gtk_widget_class_bind_template_child (widget_class, PbImportDialog, errors_box);
  gtk_widget_class_bind_template_child (widget_class, PbImportDialog, errors_label);
  gtk_widget_class_bind_template_child (widget_class, PbImportDialog, snapshot_box);
  gtk_widget_class_bind_template_child (widget_class, PbImportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PbImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, PbImportDialog, comment_row);
  gtk_widget_class_bind_template_child (widget_class, PbImportDialog, diff_view);
  gtk_widget_class_bind_template_child (widget_class, PbImportDialog, snapshot_view);

  gtk_widget_class_install_action (widget_class, "import.apply", NULL, apply_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
pb_import_dialog_init (PbImportDialog *self)
{
  g_type_ensure (PB_TYPE_DIFF_VIEW);

  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  pb_import_dialog_update_actions (self);
}

GtkWidget *
pb_import_dialog_new (GtkWindow       *parent,
                      PbStore         *store,
                      PbSession       *session,
                      const char      *profile_name,
                      PbConfiguration *imported,
                      const char      *file_display_name)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PB_IS_STORE (store), NULL);
  g_return_val_if_fail (session == NULL || PB_IS_SESSION (session), NULL);
  g_return_val_if_fail (PB_IS_CONFIGURATION (imported), NULL);

  return g_object_new (PB_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "session", session,
                       "profile-name", profile_name,
                       "imported", imported,
                       "file-display-name", file_display_name,
                       NULL);
}

gboolean
pb_import_dialog_get_busy (PbImportDialog *self)
{
  g_return_val_if_fail (PB_IS_IMPORT_DIALOG (self), FALSE);

  return self->n_pending > 0;
}

PbDiffView *
pb_import_dialog_get_diff_view (PbImportDialog *self)
{
  g_return_val_if_fail (PB_IS_IMPORT_DIALOG (self), NULL);

  return self->diff_view;
}

void
pb_import_dialog_apply (PbImportDialog *self)
{
  const char *comment;

  g_return_if_fail (PB_IS_IMPORT_DIALOG (self));

  if (self->plan == NULL || self->importing)
    return;

  comment = gtk_editable_get_text (GTK_EDITABLE (self->comment_row));
  if (*comment == '\0')
    comment = NULL;

  self->importing = TRUE;
  pb_import_dialog_update_actions (self);
  pb_import_dialog_hold (self);

  /* Into the profile the window has open: through its session, so the
   * window follows and undo brings the draft back; anywhere else,
   * straight into the store. */
  if (self->session != NULL && !pb_import_plan_get_creates_profile (self->plan) &&
      g_strcmp0 (self->target_name, pb_profile_get_name (pb_session_get_profile (self->session))) == 0)
    pb_session_import_async (self->session, self->plan, comment, NULL,
                             session_imported_cb, g_object_ref (self));
  else
    pb_import_plan_apply_async (self->plan, self->store, comment, 0, NULL,
                                plan_applied_cb, g_object_ref (self));
}
