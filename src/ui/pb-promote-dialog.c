/* pb-promote-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What promoting does is the core's PbPromotion, as for
 * `presence-bridge-cli promote`: this dialog only picks the target, reads
 * its draft, shows the promotion and records it.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-checks.h"
#include "pb-dialog-util.h"
#include "pb-diff.h"
#include "pb-error.h"
#include "pb-promote-dialog.h"
#include "pb-promotion.h"
#include "pb-ui-util.h"

struct _PbPromoteDialog
{
  AdwWindow parent_instance;

  PbStore *store;
  PbProfile *from;
  PbConfiguration *from_draft;

  /* Every profile but the source, as the drop-down offers them. */
  GListStore *targets;
  /* The target chosen, its draft and generation once read, and the
   * promotion onto it; NULL while there is none to record. */
  PbProfile *target;
  PbProfileState *target_state;
  PbPromotion *promotion;
  /* Which read of a target is the current one: an earlier read that the
   * store had started before it was cancelled still finishes. */
  guint load_serial;

  GCancellable *cancellable;
  GCancellable *load_cancellable;
  guint n_pending;
  guint promoting : 1;
  guint updating_targets : 1;

  GtkStack *main_stack;
  GtkDropDown *target_drop_down;
  GtkLabel *summary_label;
  GtkLabel *detail_label;
  GtkLabel *note_label;
  GtkWidget *errors_box;
  GtkLabel *errors_label;
  GtkWidget *unmatched_box;
  GtkLabel *unmatched_explanation;
  PbDiffView *unmatched_view;
  GtkWidget *changes_box;
  GtkLabel *changes_heading;
  PbDiffView *changes_view;
  GtkSpinner *spinner;
  GtkWidget *promote_button;
};

G_DEFINE_FINAL_TYPE (PbPromoteDialog, pb_promote_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_FROM,
  PROP_FROM_DRAFT,
  PROP_BUSY,
  N_PROPS
};

enum {
  PROMOTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void pb_promote_dialog_load_target (PbPromoteDialog *self);

static void
pb_promote_dialog_update_actions (PbPromoteDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "promote.apply",
                                 self->promotion != NULL && !self->promoting);
}

static void
pb_promote_dialog_hold (PbPromoteDialog *self)
{
  pb_dialog_hold (G_OBJECT (self), &self->n_pending, self->spinner, properties[PROP_BUSY]);
}

static void
pb_promote_dialog_release (PbPromoteDialog *self)
{
  pb_dialog_release (G_OBJECT (self), &self->n_pending, self->spinner, properties[PROP_BUSY]);
}

/* A profile's name as a label may show it (docs/decisions.md, "Untrusted
 * text"). */
static char *
dup_shown_name (PbProfile *profile)
{
  return pb_ui_dup_display_text (pb_profile_get_name (profile));
}

static void
pb_promote_dialog_set_detail (PbPromoteDialog *self,
                              const char      *text)
{
  gtk_label_set_label (self->detail_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), text != NULL && *text != '\0');
}

/* Back to "nothing to promote yet": the lists and the warnings go. */
static void
pb_promote_dialog_clear (PbPromoteDialog *self)
{
  g_clear_object (&self->promotion);
  g_clear_object (&self->target_state);

  pb_diff_view_set_changes (self->unmatched_view, NULL);
  pb_diff_view_set_changes (self->changes_view, NULL);
  gtk_widget_set_visible (self->unmatched_box, FALSE);
  gtk_widget_set_visible (self->changes_box, FALSE);
  gtk_widget_set_visible (self->errors_box, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), FALSE);
  pb_promote_dialog_update_actions (self);
}

static void
pb_promote_dialog_show_title (PbPromoteDialog *self)
{
  g_autofree char *from_name = dup_shown_name (self->from);
  g_autofree char *summary = NULL;

  if (self->target != NULL)
    {
      g_autofree char *to_name = dup_shown_name (self->target);

      /* Translators: two profile names */
      summary = g_strdup_printf (_("Promote “%s” to “%s”"), from_name, to_name);
    }
  else
    /* Translators: %s is a profile name */
    summary = g_strdup_printf (_("Promote “%s”"), from_name);

  gtk_label_set_label (self->summary_label, summary);
}

/* The reason the CLI gives for a profile it cannot promote from or to
 * (pb-cli-promote.c), in the window's words. */
static void
pb_promote_dialog_refuse (PbPromoteDialog *self,
                          PbProfile       *without_lists)
{
  g_autofree char *name = dup_shown_name (without_lists);
  g_autofree char *text =
    /* Translators: %s is a profile name */
    g_strdup_printf (_("Profile “%s” has no agent states or presence statuses yet: fetch it (or import "
                       "a file into it) first."),
                     name);

  pb_promote_dialog_set_detail (self, text);
}

static char *
dup_matched_text (PbPromotion *promotion,
                  guint        n_unmatched)
{
  guint n_statuses = pb_promotion_get_n_matched_statuses (promotion);
  guint n_states = pb_promotion_get_n_matched_states (promotion);
  g_autofree char *statuses = NULL;
  g_autofree char *states = NULL;
  g_autofree char *matched = NULL;
  g_autofree char *unmatched = NULL;

  if (n_unmatched == 0)
    return g_strdup (_("Every presence status and agent state matched."));

  statuses = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u presence status", "%u presence statuses",
                                           n_statuses),
                              n_statuses);
  states = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u agent state", "%u agent states", n_states),
                            n_states);
  /* Translators: "4 presence statuses" and "11 agent states" */
  matched = g_strdup_printf (_("%s and %s matched"), statuses, states);
  /* Translators: a count of presence statuses and agent states */
  unmatched = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u thing did not match", "%u things did not match",
                                            n_unmatched),
                               n_unmatched);

  /* Translators: what matched, then what did not: "4 presence statuses
   * and 11 agent states matched; 3 things did not match." */
  return g_strdup_printf (_("%s; %s."), matched, unmatched);
}

/* The promotion of the source onto the target's draft just read. */
static void
pb_promote_dialog_show_promotion (PbPromoteDialog *self)
{
  PbConfiguration *to_draft = pb_profile_state_get_draft (self->target_state);
  g_autofree char *to_name = dup_shown_name (self->target);
  g_autofree char *detail = NULL;
  g_autofree char *note = NULL;
  g_autofree char *explanation = NULL;
  g_autofree char *heading = NULL;
  g_autoptr(GListModel) changes = NULL;
  g_autoptr(GListModel) findings = NULL;
  PbConfiguration *result;
  GListModel *unmatched;
  guint n_unmatched;
  guint n_errors;

  self->promotion = pb_promotion_new (self->from_draft, to_draft);
  result = pb_promotion_get_result (self->promotion);
  unmatched = pb_promotion_get_unmatched (self->promotion);
  n_unmatched = g_list_model_get_n_items (unmatched);

  detail = dup_matched_text (self->promotion, n_unmatched);
  pb_promote_dialog_set_detail (self, detail);

  /* Translators: %s is a profile name */
  note = g_strdup_printf (_("Promote makes this the draft of “%s” and records it in its history. "
                            "Nothing is published."),
                          to_name);
  gtk_label_set_label (self->note_label, note);
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), TRUE);

  /* The core's sentences call the profile promoted to "the target", as
   * the CLI's do: the heading says which one it is here. */
  /* Translators: %s is a profile name; −, ~ and + are the signs the list
   * shows before each item */
  explanation = g_strdup_printf (_("Below, “the target” is “%s”. What has − is not copied, ~ was matched "
                                   "by name, + is only in the target and keeps its mapping there."),
                                 to_name);
  gtk_label_set_label (self->unmatched_explanation, explanation);
  pb_diff_view_set_changes (self->unmatched_view, unmatched);
  gtk_widget_set_visible (self->unmatched_box, n_unmatched > 0);

  /* Translators: %s is a profile name */
  heading = g_strdup_printf (_("What Changes in the Draft of “%s”"), to_name);
  gtk_label_set_label (self->changes_heading, heading);
  changes = pb_diff_configurations (to_draft, result);
  pb_diff_view_set_changes (self->changes_view, changes);
  gtk_widget_set_visible (self->changes_box, TRUE);

  findings = pb_checks_run (result);
  n_errors = pb_checks_count (findings, PB_SEVERITY_ERROR);
  if (n_errors > 0)
    {
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "The promoted configuration has %u error. It becomes the draft "
                                      "all the same, but it cannot be saved or published until the "
                                      "error is fixed.",
                                      "The promoted configuration has %u errors. It becomes the draft "
                                      "all the same, but it cannot be saved or published until the "
                                      "errors are fixed.",
                                      n_errors),
                         n_errors);
      gtk_label_set_label (self->errors_label, text);
    }
  gtk_widget_set_visible (self->errors_box, n_errors > 0);

  pb_promote_dialog_update_actions (self);
}

typedef struct
{
  PbPromoteDialog *self;
  guint serial;
} LoadRequest;

static void
load_state_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  LoadRequest *request = user_data;
  g_autoptr(PbPromoteDialog) self = request->self;
  g_autoptr(PbProfileState) state = NULL;
  g_autoptr(GError) error = NULL;
  gboolean current = request->serial == self->load_serial;

  g_free (request);
  state = pb_store_load_state_finish (PB_STORE (object), result, &error);
  pb_promote_dialog_release (self);

  if (!current || self->main_stack == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (state == NULL)
    {
      pb_promote_dialog_set_detail (self, error->message);
      pb_dialog_show_error (GTK_WINDOW (self), _("Could Not Read the Profile"), error);
      return;
    }

  self->target_state = g_steal_pointer (&state);
  if (!pb_promotion_has_lists (pb_profile_state_get_draft (self->target_state)))
    pb_promote_dialog_refuse (self, self->target);
  else
    pb_promote_dialog_show_promotion (self);

  /* Promote is what the dialog is for: the focus goes to it (it could not
   * take it while the target was read), so Enter promotes, as in any
   * GNOME dialog, and Escape cancels. */
  if (self->promotion != NULL)
    gtk_widget_grab_focus (self->promote_button);
}

/* Reads the chosen target's draft and generation (the write is guarded
 * by it, so a target changed meanwhile is never overwritten unseen). */
static void
pb_promote_dialog_load_target (PbPromoteDialog *self)
{
  LoadRequest *request;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_serial++;
  pb_promote_dialog_clear (self);
  pb_promote_dialog_show_title (self);

  if (self->target == NULL)
    {
      pb_promote_dialog_set_detail (self, _("Choose the profile whose draft this configuration becomes."));
      return;
    }

  pb_promote_dialog_set_detail (self, NULL);
  self->load_cancellable = g_cancellable_new ();
  request = g_new0 (LoadRequest, 1);
  request->self = g_object_ref (self);
  request->serial = self->load_serial;
  pb_promote_dialog_hold (self);
  pb_store_load_state_async (self->store, self->target, self->load_cancellable, load_state_cb, request);
}

static void
target_selected_cb (PbPromoteDialog *self)
{
  if (self->updating_targets)
    return;

  g_set_object (&self->target, gtk_drop_down_get_selected_item (self->target_drop_down));
  pb_promote_dialog_load_target (self);
}

/* The drop-down's own factory would show a name as it is, of any length;
 * given here rather than in the template, since GTK 4.8's drop-down never
 * sets up its button with a factory that a template sets. */
static void
target_item_setup_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, pb_ui_cell_label_new (8, 40));
}

static void
target_item_bind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  user_data)
{
  g_autofree char *name = dup_shown_name (gtk_list_item_get_item (list_item));

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)), name);
}

static void
list_profiles_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PbPromoteDialog) self = user_data;
  g_autoptr(GListModel) profiles = NULL;
  g_autoptr(GError) error = NULL;
  guint n_profiles;
  guint n_targets;

  profiles = pb_store_list_profiles_finish (PB_STORE (object), result, &error);
  pb_promote_dialog_release (self);

  if (self->main_stack == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  pb_promote_dialog_show_title (self);
  if (profiles == NULL)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "promote");
      gtk_widget_set_sensitive (GTK_WIDGET (self->target_drop_down), FALSE);
      pb_promote_dialog_set_detail (self, error->message);
      pb_dialog_show_error (GTK_WINDOW (self), _("Could Not Read the Profiles"), error);
      return;
    }

  n_profiles = g_list_model_get_n_items (profiles);
  for (guint i = 0; i < n_profiles; i++)
    {
      g_autoptr(PbProfile) profile = g_list_model_get_item (profiles, i);

      if (pb_profile_get_id (profile) != pb_profile_get_id (self->from))
        g_list_store_append (self->targets, profile);
    }

  n_targets = g_list_model_get_n_items (G_LIST_MODEL (self->targets));
  if (n_targets == 0)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "no-target");
      return;
    }

  gtk_stack_set_visible_child_name (self->main_stack, "promote");

  /* Nothing can be promoted from a profile without lists, whatever the
   * target: said at once, as the CLI does. */
  if (!pb_promotion_has_lists (self->from_draft))
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->target_drop_down), FALSE);
      pb_promote_dialog_refuse (self, self->from);
      return;
    }

  /* With one other profile it is the target; with several, none is
   * guessed: promoting to the wrong org is what must not happen. */
  self->updating_targets = TRUE;
  gtk_drop_down_set_model (self->target_drop_down, G_LIST_MODEL (self->targets));
  gtk_drop_down_set_selected (self->target_drop_down, n_targets == 1 ? 0 : GTK_INVALID_LIST_POSITION);
  self->updating_targets = FALSE;
  target_selected_cb (self);

  if (n_targets > 1)
    gtk_widget_grab_focus (GTK_WIDGET (self->target_drop_down));
}

static void
save_revision_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PbPromoteDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  guint revision;

  revision = pb_store_save_revision_finish (PB_STORE (object), result, NULL, &error);
  self->promoting = FALSE;
  pb_promote_dialog_release (self);

  /* Not cancellable (the dialog refuses to close meanwhile), but the
   * parent may have gone: the signal still tells the owner what was
   * recorded. */
  if (revision > 0)
    {
      g_signal_emit (self, signals[PROMOTED], 0, revision, pb_profile_get_name (self->target));
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (self->main_stack == NULL)
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->target_drop_down), TRUE);
  pb_promote_dialog_update_actions (self);
  pb_dialog_show_error (GTK_WINDOW (self), _("Could Not Promote"), error);

  /* The target changed since it was read (another window, the CLI):
   * what is shown is out of date, so it is read and shown again. */
  if (g_error_matches (error, PB_ERROR, PB_ERROR_STORE_CHANGED))
    pb_promote_dialog_load_target (self);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PbPromoteDialog *self = PB_PROMOTE_DIALOG (widget);
  g_autofree char *comment = NULL;

  if (self->promotion == NULL || self->promoting)
    return;

  /* The CLI's comment, so the history reads the same either way. */
  /* Translators: the comment of the revision a promotion records; %s is a profile name */
  comment = g_strdup_printf (_("Promoted from “%s”"), pb_profile_get_name (self->from));

  /* The target stays the one the write is for. */
  self->promoting = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->target_drop_down), FALSE);
  pb_promote_dialog_update_actions (self);
  pb_promote_dialog_hold (self);
  pb_store_save_revision_async (self->store, self->target, pb_promotion_get_result (self->promotion),
                                PB_REVISION_SOURCE_PROMOTE, comment,
                                pb_profile_state_get_generation (self->target_state),
                                NULL, save_revision_cb, g_object_ref (self));
}

static gboolean
pb_promote_dialog_close_request (GtkWindow *window)
{
  PbPromoteDialog *self = PB_PROMOTE_DIALOG (window);

  /* The write is one transaction: let it finish so its result (or its
   * error) is never lost with the dialog. */
  return pb_dialog_close_request (window, GTK_WINDOW_CLASS (pb_promote_dialog_parent_class),
                                  self->promoting);
}

static void
pb_promote_dialog_constructed (GObject *object)
{
  PbPromoteDialog *self = (PbPromoteDialog *)object;

  G_OBJECT_CLASS (pb_promote_dialog_parent_class)->constructed (object);

  g_return_if_fail (PB_IS_STORE (self->store));
  g_return_if_fail (PB_IS_PROFILE (self->from));
  g_return_if_fail (PB_IS_CONFIGURATION (self->from_draft));

  pb_promote_dialog_show_title (self);
  pb_promote_dialog_hold (self);
  pb_store_list_profiles_async (self->store, self->cancellable, list_profiles_cb, g_object_ref (self));
}

static void
pb_promote_dialog_dispose (GObject *object)
{
  PbPromoteDialog *self = (PbPromoteDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->load_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_PROMOTE_DIALOG);

  G_OBJECT_CLASS (pb_promote_dialog_parent_class)->dispose (object);
}

static void
pb_promote_dialog_finalize (GObject *object)
{
  PbPromoteDialog *self = (PbPromoteDialog *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->from);
  g_clear_object (&self->from_draft);
  g_clear_object (&self->targets);
  g_clear_object (&self->target);
  g_clear_object (&self->target_state);
  g_clear_object (&self->promotion);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->load_cancellable);

  G_OBJECT_CLASS (pb_promote_dialog_parent_class)->finalize (object);
}

static void
pb_promote_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PbPromoteDialog *self = PB_PROMOTE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_FROM:
      g_value_set_object (value, self->from);
      break;
    case PROP_FROM_DRAFT:
      g_value_set_object (value, self->from_draft);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, pb_promote_dialog_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_promote_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PbPromoteDialog *self = PB_PROMOTE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_FROM:
      self->from = g_value_dup_object (value);
      break;
    case PROP_FROM_DRAFT:
      /* A copy: the window keeps editing its own. */
      if (g_value_get_object (value) != NULL)
        self->from_draft = pb_configuration_copy (g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_promote_dialog_class_init (PbPromoteDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = pb_promote_dialog_constructed;
  object_class->dispose = pb_promote_dialog_dispose;
  object_class->finalize = pb_promote_dialog_finalize;
  object_class->get_property = pb_promote_dialog_get_property;
  object_class->set_property = pb_promote_dialog_set_property;

  window_class->close_request = pb_promote_dialog_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FROM] =
    g_param_spec_object ("from", NULL, NULL, PB_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FROM_DRAFT] =
    g_param_spec_object ("from-draft", NULL, NULL, PB_TYPE_CONFIGURATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PROMOTED] =
    g_signal_new ("promoted",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/presencebridge/PresenceBridge/pb-promote-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PbPromoteDialog, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PbPromoteDialog, target_drop_down);
  gtk_widget_class_bind_template_child (widget_class, PbPromoteDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PbPromoteDialog, detail_label);
  gtk_widget_class_bind_template_child (widget_class, PbPromoteDialog, note_label);
  gtk_widget_class_bind_template_child (widget_class, PbPromoteDialog, errors_box);
  gtk_widget_class_bind_template_child (widget_class, PbPromoteDialog, errors_label);
  gtk_widget_class_bind_template_child (widget_class, PbPromoteDialog, unmatched_box);
  gtk_widget_class_bind_template_child (widget_class, PbPromoteDialog, unmatched_explanation);
  gtk_widget_class_bind_template_child (widget_class, PbPromoteDialog, unmatched_view);
  gtk_widget_class_bind_template_child (widget_class, PbPromoteDialog, changes_box);
  gtk_widget_class_bind_template_child (widget_class, PbPromoteDialog, changes_heading);
  gtk_widget_class_bind_template_child (widget_class, PbPromoteDialog, changes_view);
  gtk_widget_class_bind_template_child (widget_class, PbPromoteDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PbPromoteDialog, promote_button);
  gtk_widget_class_bind_template_callback (widget_class, target_selected_cb);

  gtk_widget_class_install_action (widget_class, "promote.apply", NULL, apply_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
pb_promote_dialog_init (PbPromoteDialog *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  g_type_ensure (PB_TYPE_DIFF_VIEW);

  self->targets = g_list_store_new (PB_TYPE_PROFILE);
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (target_item_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (target_item_bind_cb), NULL);
  gtk_drop_down_set_factory (self->target_drop_down, factory);

  pb_promote_dialog_update_actions (self);
}

GtkWidget *
pb_promote_dialog_new (GtkWindow       *parent,
                       PbStore         *store,
                       PbProfile       *from,
                       PbConfiguration *from_draft)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PB_IS_STORE (store), NULL);
  g_return_val_if_fail (PB_IS_PROFILE (from), NULL);
  g_return_val_if_fail (PB_IS_CONFIGURATION (from_draft), NULL);

  return g_object_new (PB_TYPE_PROMOTE_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "from", from,
                       "from-draft", from_draft,
                       NULL);
}

gboolean
pb_promote_dialog_get_busy (PbPromoteDialog *self)
{
  g_return_val_if_fail (PB_IS_PROMOTE_DIALOG (self), FALSE);

  return self->n_pending > 0;
}

PbDiffView *
pb_promote_dialog_get_unmatched_view (PbPromoteDialog *self)
{
  g_return_val_if_fail (PB_IS_PROMOTE_DIALOG (self), NULL);

  return self->unmatched_view;
}

PbDiffView *
pb_promote_dialog_get_changes_view (PbPromoteDialog *self)
{
  g_return_val_if_fail (PB_IS_PROMOTE_DIALOG (self), NULL);

  return self->changes_view;
}
