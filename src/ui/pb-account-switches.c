/* pb-account-switches.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "pb-account-switches.h"
#include "pb-ui-util.h"

struct _PbAccountSwitches
{
  GtkWidget parent_instance;

  GtkSwitch *revert_switch;
  GtkLabel  *post_call_label;
  GtkLabel  *revert_explanation;

  PbConfiguration *configuration;
  guint            updating;  /* the switch is moved to show the configuration */
};

G_DEFINE_FINAL_TYPE (PbAccountSwitches, pb_account_switches, GTK_TYPE_WIDGET)

enum {
  REVERT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
revert_switch_cb (PbAccountSwitches *self)
{
  if (self->updating == 0 && self->configuration != NULL)
    g_signal_emit (self, signals[REVERT_CHANGED], 0, gtk_switch_get_active (self->revert_switch));
}

static void
update (PbAccountSwitches *self)
{
  const char *post_call = pb_configuration_get_agent_post_call_state (self->configuration);
  g_autofree char *post_call_name = pb_configuration_dup_state_display_name (self->configuration, post_call);
  g_autofree char *shown = pb_ui_dup_display_text (post_call_name);
  PbStateKind kind = pb_configuration_get_state_kind (self->configuration, post_call);
  gboolean ineffective = kind != PB_STATE_KIND_READY && kind != PB_STATE_KIND_READY_OFFLINE;
  gboolean revert = pb_configuration_get_revert_to_last_status (self->configuration);

  self->updating++;
  gtk_switch_set_active (self->revert_switch, revert);
  self->updating--;

  gtk_label_set_label (self->post_call_label, shown);

  gtk_widget_set_visible (GTK_WIDGET (self->revert_explanation), ineffective);
  if (ineffective)
    {
      g_autofree char *text = NULL;

      if (revert)
        text = g_strdup_printf (_("Revert to last status has no effect: after an interaction agents are put in “%s”, "
                                  "so the presence mapped to that state is always used. It only works when the "
                                  "post-call state is Ready or Ready (Offline)."),
                                shown);
      else
        text = g_strdup_printf (_("Revert to last status would have no effect: after an interaction agents are put "
                                  "in “%s”, not Ready or Ready (Offline)."),
                                shown);
      gtk_label_set_label (self->revert_explanation, text);
      /* A warning while the switch is on; an explanation otherwise. */
      if (revert)
        gtk_widget_add_css_class (GTK_WIDGET (self->revert_explanation), "warning");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->revert_explanation), "warning");
    }
}

void
pb_account_switches_set_configuration (PbAccountSwitches *self,
                                       PbConfiguration   *configuration)
{
  g_return_if_fail (PB_IS_ACCOUNT_SWITCHES (self));
  g_return_if_fail (configuration == NULL || PB_IS_CONFIGURATION (configuration));

  if (self->configuration != NULL)
    g_signal_handlers_disconnect_by_data (self->configuration, self);
  g_set_object (&self->configuration, configuration);

  if (configuration != NULL)
    {
      g_signal_connect_object (configuration, "changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      update (self);
    }
}

gboolean
pb_account_switches_focus (PbAccountSwitches *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_SWITCHES (self), FALSE);
  return gtk_widget_grab_focus (GTK_WIDGET (self->revert_switch));
}

static void
pb_account_switches_dispose (GObject *object)
{
  PbAccountSwitches *self = (PbAccountSwitches *)object;

  if (self->configuration != NULL)
    g_signal_handlers_disconnect_by_data (self->configuration, self);
  g_clear_object (&self->configuration);
  pb_ui_dispose_template (GTK_WIDGET (self), PB_TYPE_ACCOUNT_SWITCHES);

  G_OBJECT_CLASS (pb_account_switches_parent_class)->dispose (object);
}

static void
pb_account_switches_class_init (PbAccountSwitchesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_account_switches_dispose;

  /**
   * PbAccountSwitches::revert-changed:
   * @revert: whether Revert to last status was switched on
   */
  signals[REVERT_CHANGED] =
    g_signal_new ("revert-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  g_type_ensure (ADW_TYPE_ACTION_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/presencebridge/PresenceBridge/pb-account-switches.ui");
  gtk_widget_class_bind_template_child (widget_class, PbAccountSwitches, revert_switch);
  gtk_widget_class_bind_template_child (widget_class, PbAccountSwitches, post_call_label);
  gtk_widget_class_bind_template_child (widget_class, PbAccountSwitches, revert_explanation);
  gtk_widget_class_bind_template_callback (widget_class, revert_switch_cb);

  gtk_widget_class_set_css_name (widget_class, "pbaccountswitches");
}

static void
pb_account_switches_init (PbAccountSwitches *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pb_account_switches_new (void)
{
  return g_object_new (PB_TYPE_ACCOUNT_SWITCHES, NULL);
}
