/* pb-profile-switcher.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-profile-switcher.h"
#include "pb-ui-util.h"

struct _PbProfileSwitcher
{
  GtkWidget parent_instance;

  GtkMenuButton  *button;
  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;
  GtkImage       *warning_image;
  GtkImage       *arrow_image;
  GtkPopover     *popover;
  GtkNoSelection *selection;

  GListModel *profiles;
  PbProfile  *profile;
  gboolean    compact;
};

G_DEFINE_FINAL_TYPE (PbProfileSwitcher, pb_profile_switcher, GTK_TYPE_WIDGET)

enum {
  PROFILE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A screen reader hears which profile is open and in what state; the
 * button inside the menu button is what takes the focus in GTK 4.8. */
static void
update_accessible (PbProfileSwitcher *self)
{
  GtkWidget *widgets[] = { GTK_WIDGET (self->button), gtk_widget_get_first_child (GTK_WIDGET (self->button)) };
  g_autofree char *description = NULL;

  if (self->profile != NULL)
    /* Translators: the profile switcher read out: a profile's name, then its state. */
    description = g_strdup_printf (_("%s, %s"), gtk_label_get_label (self->title_label),
                                   gtk_label_get_label (self->subtitle_label));

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    if (widgets[i] != NULL)
      gtk_accessible_update_property (GTK_ACCESSIBLE (widgets[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Profile"),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description ? description : "",
                                      -1);
}

static void
update_title (PbProfileSwitcher *self)
{
  guint n = self->profiles != NULL ? g_list_model_get_n_items (self->profiles) : 0;

  if (self->profile != NULL)
    {
      g_autofree char *name = pb_ui_dup_display_text (pb_profile_get_name (self->profile));

      gtk_label_set_label (self->title_label, name);
    }
  else
    {
      gtk_label_set_label (self->title_label, _("Presence Bridge"));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), self->profile != NULL);
  /* Nothing to choose from: a title, not a button. */
  gtk_widget_set_visible (GTK_WIDGET (self->arrow_image), n > 0 && !self->compact);
  gtk_widget_set_sensitive (GTK_WIDGET (self->button), n > 0);
  update_accessible (self);
}

static void
profile_setup_cb (PbProfileSwitcher        *self,
                  GtkListItem              *item,
                  GtkSignalListItemFactory *factory)
{
  gtk_list_item_set_child (item, pb_ui_check_row_new (_("Open")));
}

static void
profile_bind_cb (PbProfileSwitcher        *self,
                 GtkListItem              *item,
                 GtkSignalListItemFactory *factory)
{
  PbProfile *profile = gtk_list_item_get_item (item);
  g_autofree char *name = pb_ui_dup_display_text (pb_profile_get_name (profile));

  pb_ui_check_row_set (gtk_list_item_get_child (item), name,
                       self->profile != NULL && pb_profile_get_id (profile) == pb_profile_get_id (self->profile));
}

void
pb_profile_switcher_choose (PbProfileSwitcher *self,
                            guint              position)
{
  g_autoptr(PbProfile) profile = NULL;

  g_return_if_fail (PB_IS_PROFILE_SWITCHER (self));

  profile = self->profiles ? g_list_model_get_item (self->profiles, position) : NULL;
  gtk_popover_popdown (self->popover);
  if (profile != NULL)
    g_signal_emit (self, signals[PROFILE_CHOSEN], 0, profile);
}

static void
profile_activate_cb (PbProfileSwitcher *self,
                     guint              position,
                     GtkListView       *list_view)
{
  pb_profile_switcher_choose (self, position);
}

static void
new_profile_clicked_cb (PbProfileSwitcher *self)
{
  gtk_popover_popdown (self->popover);
}

void
pb_profile_switcher_set_profiles (PbProfileSwitcher *self,
                                  GListModel        *profiles)
{
  g_return_if_fail (PB_IS_PROFILE_SWITCHER (self));
  g_return_if_fail (profiles == NULL || G_IS_LIST_MODEL (profiles));

  g_set_object (&self->profiles, profiles);
  gtk_no_selection_set_model (self->selection, profiles);
  update_title (self);
}

GListModel *
pb_profile_switcher_get_profiles (PbProfileSwitcher *self)
{
  g_return_val_if_fail (PB_IS_PROFILE_SWITCHER (self), NULL);
  return self->profiles;
}

void
pb_profile_switcher_set_profile (PbProfileSwitcher *self,
                                 PbProfile         *profile)
{
  g_return_if_fail (PB_IS_PROFILE_SWITCHER (self));
  g_return_if_fail (profile == NULL || PB_IS_PROFILE (profile));

  g_set_object (&self->profile, profile);
  /* Rebinds the rows, so the check mark moves. */
  gtk_no_selection_set_model (self->selection, NULL);
  gtk_no_selection_set_model (self->selection, self->profiles);
  update_title (self);
}

PbProfile *
pb_profile_switcher_get_profile (PbProfileSwitcher *self)
{
  g_return_val_if_fail (PB_IS_PROFILE_SWITCHER (self), NULL);
  return self->profile;
}

void
pb_profile_switcher_set_subtitle (PbProfileSwitcher *self,
                                  const char        *subtitle,
                                  gboolean           warning)
{
  g_return_if_fail (PB_IS_PROFILE_SWITCHER (self));

  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->warning_image), warning);
  if (warning)
    gtk_widget_add_css_class (GTK_WIDGET (self->subtitle_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->subtitle_label), "warning");
  update_accessible (self);
}

void
pb_profile_switcher_set_compact (PbProfileSwitcher *self,
                                 gboolean           compact)
{
  g_return_if_fail (PB_IS_PROFILE_SWITCHER (self));

  self->compact = compact;
  update_title (self);
}

const char *
pb_profile_switcher_get_subtitle (PbProfileSwitcher *self)
{
  g_return_val_if_fail (PB_IS_PROFILE_SWITCHER (self), NULL);
  return gtk_label_get_label (self->subtitle_label);
}

static void
pb_profile_switcher_dispose (GObject *object)
{
  PbProfileSwitcher *self = (PbProfileSwitcher *)object;

  pb_ui_dispose_template (GTK_WIDGET (self), PB_TYPE_PROFILE_SWITCHER);
  g_clear_object (&self->profiles);
  g_clear_object (&self->profile);

  G_OBJECT_CLASS (pb_profile_switcher_parent_class)->dispose (object);
}

static void
pb_profile_switcher_class_init (PbProfileSwitcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_profile_switcher_dispose;

  /**
   * PbProfileSwitcher::profile-chosen:
   * @profile: the PbProfile chosen
   */
  signals[PROFILE_CHOSEN] =
    g_signal_new ("profile-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, PB_TYPE_PROFILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/presencebridge/PresenceBridge/pb-profile-switcher.ui");
  gtk_widget_class_bind_template_child (widget_class, PbProfileSwitcher, button);
  gtk_widget_class_bind_template_child (widget_class, PbProfileSwitcher, title_label);
  gtk_widget_class_bind_template_child (widget_class, PbProfileSwitcher, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, PbProfileSwitcher, warning_image);
  gtk_widget_class_bind_template_child (widget_class, PbProfileSwitcher, arrow_image);
  gtk_widget_class_bind_template_child (widget_class, PbProfileSwitcher, popover);
  gtk_widget_class_bind_template_child (widget_class, PbProfileSwitcher, selection);
  gtk_widget_class_bind_template_callback (widget_class, profile_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, profile_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, profile_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_profile_clicked_cb);

  gtk_widget_class_set_css_name (widget_class, "pbprofileswitcher");
}

static void
pb_profile_switcher_init (PbProfileSwitcher *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_title (self);
}

GtkWidget *
pb_profile_switcher_new (void)
{
  return g_object_new (PB_TYPE_PROFILE_SWITCHER, NULL);
}
