/* pb-status-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-status-row.h"

struct _PbStatusRow
{
  GtkWidget parent_instance;

  GtkLabel    *label_label;
  GtkLabel    *badge_label;
  GtkLabel    *details_label;
  PbChoiceButton *dropdown;
  GtkImage    *stale_image;

  PbPresenceStatus *status;
  PbConfiguration  *configuration;
  PbChoices        *choices;

  /* Set while the row itself moves the drop-down, so that only the
   * administrator's choices become edits. */
  guint updating;
};

G_DEFINE_FINAL_TYPE (PbStatusRow, pb_status_row, GTK_TYPE_WIDGET)

enum {
  STATE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
dropdown_selected_cb (PbStatusRow *self)
{
  guint position;

  if (self->updating > 0 || self->status == NULL || self->choices == NULL)
    return;

  position = pb_choice_button_get_selected (self->dropdown);
  if (position == GTK_INVALID_LIST_POSITION)
    return;

  g_signal_emit (self, signals[STATE_CHOSEN], 0,
                 pb_presence_status_get_api_name (self->status),
                 pb_choices_get_id (self->choices, position));
}

static void
pb_status_row_dispose (GObject *object)
{
  PbStatusRow *self = (PbStatusRow *)object;
  GtkWidget *child;

  pb_status_row_unbind (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_STATUS_ROW);
  /* Children of the template without an id are not disposed with it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (pb_status_row_parent_class)->dispose (object);
}

static void
pb_status_row_class_init (PbStatusRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_status_row_dispose;

  /**
   * PbStatusRow::state-chosen:
   * @api_name: the presence status of the row
   * @state_id: (nullable): the state picked, %NULL for the default (Ready)
   */
  signals[STATE_CHOSEN] =
    g_signal_new ("state-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  g_type_ensure (PB_TYPE_CHOICE_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/presencebridge/PresenceBridge/pb-status-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PbStatusRow, label_label);
  gtk_widget_class_bind_template_child (widget_class, PbStatusRow, badge_label);
  gtk_widget_class_bind_template_child (widget_class, PbStatusRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, PbStatusRow, dropdown);
  gtk_widget_class_bind_template_child (widget_class, PbStatusRow, stale_image);
  gtk_widget_class_bind_template_callback (widget_class, dropdown_selected_cb);
}

static void
pb_status_row_init (PbStatusRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

}

GtkWidget *
pb_status_row_new (void)
{
  return g_object_new (PB_TYPE_STATUS_ROW, NULL);
}

void
pb_status_row_set_choices (PbStatusRow *self,
                           PbChoices   *choices)
{
  g_return_if_fail (PB_IS_STATUS_ROW (self));

  if (self->choices == choices)
    return;

  g_set_object (&self->choices, choices);

  self->updating++;
  pb_choice_button_set_model (self->dropdown, G_LIST_MODEL (choices));
  self->updating--;

  pb_status_row_update (self);
}

void
pb_status_row_bind (PbStatusRow      *self,
                    PbPresenceStatus *status,
                    PbConfiguration  *configuration,
                    PbChoices        *choices)
{
  const char * const *channels;
  g_autofree char *channel_list = NULL;
  g_autofree char *details = NULL;
  g_autofree char *accessible_label = NULL;
  gboolean online;

  g_return_if_fail (PB_IS_STATUS_ROW (self));
  g_return_if_fail (PB_IS_PRESENCE_STATUS (status));
  g_return_if_fail (PB_IS_CONFIGURATION (configuration));

  g_set_object (&self->status, status);
  g_set_object (&self->configuration, configuration);

  gtk_label_set_label (self->label_label, pb_presence_status_get_label (status));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->label_label), pb_presence_status_get_label (status));

  online = pb_presence_status_is_online (status);
  channels = pb_presence_status_get_channels (status);
  gtk_label_set_label (self->badge_label, online ? _("Online") : _("Busy"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->badge_label),
                               online
                               ? _("Linked to service channels: Omni-Channel routes their work to the agent")
                               : _("No service channel: Omni-Channel routes no work to the agent"));
  if (online)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->badge_label), "busy");
      gtk_widget_add_css_class (GTK_WIDGET (self->badge_label), "online");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->badge_label), "online");
      gtk_widget_add_css_class (GTK_WIDGET (self->badge_label), "busy");
    }

  if (channels != NULL && channels[0] != NULL)
    {
      channel_list = g_strjoinv (", ", (char **)channels);
      /* Translators: a presence status's API name, then its service channels. */
      details = g_strdup_printf (_("%s · %s"), pb_presence_status_get_api_name (status), channel_list);
    }
  else
    {
      details = g_strdup (pb_presence_status_get_api_name (status));
    }
  gtk_label_set_label (self->details_label, details);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->details_label), details);

  /* Rows are recycled: the label must name the status bound now. */
  accessible_label = g_strdup_printf (_("Agent state for “%s”"), pb_presence_status_get_label (status));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);

  if (self->choices != choices)
    {
      g_set_object (&self->choices, choices);
      self->updating++;
      pb_choice_button_set_model (self->dropdown, G_LIST_MODEL (choices));
      self->updating--;
    }

  pb_status_row_update (self);
}

void
pb_status_row_unbind (PbStatusRow *self)
{
  g_return_if_fail (PB_IS_STATUS_ROW (self));

  g_clear_object (&self->status);
  g_clear_object (&self->configuration);
}

void
pb_status_row_update (PbStatusRow *self)
{
  const char *state_id;
  guint position;

  g_return_if_fail (PB_IS_STATUS_ROW (self));

  if (self->status == NULL || self->choices == NULL)
    return;

  state_id = pb_configuration_get_presence_mapping (self->configuration,
                                                    pb_presence_status_get_api_name (self->status));
  position = pb_choices_find (self->choices, state_id);

  self->updating++;
  pb_choice_button_set_selected (self->dropdown, position);
  self->updating--;

  /* The button ellipsizes long names; the tooltip has them whole. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->dropdown), pb_choices_get_label (self->choices, state_id));

  /* A mapping to a state that is no longer in the list: the drop-down
   * cannot show it, so say what it is. */
  gtk_widget_set_visible (GTK_WIDGET (self->stale_image), position == GTK_INVALID_LIST_POSITION);
  if (position == GTK_INVALID_LIST_POSITION)
    {
      g_autofree char *message =
        g_strdup_printf (_("Mapped to “%s”, which is not an agent state of this account"), state_id);

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->stale_image), message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->stale_image),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, message,
                                      -1);
    }
}

PbPresenceStatus *
pb_status_row_get_status (PbStatusRow *self)
{
  g_return_val_if_fail (PB_IS_STATUS_ROW (self), NULL);
  return self->status;
}

PbChoiceButton *
pb_status_row_get_chooser (PbStatusRow *self)
{
  g_return_val_if_fail (PB_IS_STATUS_ROW (self), NULL);
  return self->dropdown;
}
