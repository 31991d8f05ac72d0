/* pb-banner.c: a strip across the window that says what needs a choice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-banner.h"
#include "pb-ui-util.h"

#define N_BUTTONS 2

struct _PbBanner
{
  GtkWidget parent_instance;

  GtkRevealer *revealer;
  GtkLabel *title_label;
  GtkButton *buttons[N_BUTTONS];
  char *title;
};

G_DEFINE_FINAL_TYPE (PbBanner, pb_banner, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_REVEALED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pb_banner_dispose (GObject *object)
{
  PbBanner *self = (PbBanner *)object;

  if (self->revealer != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->revealer));
      self->revealer = NULL;
    }
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (pb_banner_parent_class)->dispose (object);
}

static void
pb_banner_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PbBanner *self = PB_BANNER (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_REVEALED:
      g_value_set_boolean (value, pb_banner_get_revealed (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_banner_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PbBanner *self = PB_BANNER (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      pb_banner_set_title (self, g_value_get_string (value));
      break;

    case PROP_REVEALED:
      pb_banner_set_revealed (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_banner_class_init (PbBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_banner_dispose;
  object_class->get_property = pb_banner_get_property;
  object_class->set_property = pb_banner_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVEALED] =
    g_param_spec_boolean ("revealed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pbbanner");
  /* What a screen reader announces when it appears. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ALERT);
}

static void
pb_banner_init (PbBanner *self)
{
  GtkWidget *box;

  self->revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_transition_type (self->revealer, GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_widget_set_parent (GTK_WIDGET (self->revealer), GTK_WIDGET (self));

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (box, "banner-box");
  gtk_revealer_set_child (self->revealer, box);

  self->title_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->title_label, TRUE);
  gtk_label_set_wrap_mode (self->title_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->title_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title_label), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->title_label));

  for (guint i = 0; i < N_BUTTONS; i++)
    {
      self->buttons[i] = GTK_BUTTON (gtk_button_new ());
      gtk_button_set_use_underline (self->buttons[i], TRUE);
      gtk_widget_set_valign (GTK_WIDGET (self->buttons[i]), GTK_ALIGN_CENTER);
      gtk_widget_set_visible (GTK_WIDGET (self->buttons[i]), FALSE);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->buttons[i]));
    }
  gtk_widget_add_css_class (GTK_WIDGET (self->buttons[0]), "suggested-action");

  /* Hidden, it takes no room and no Tab stop. */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
pb_banner_new (void)
{
  return g_object_new (PB_TYPE_BANNER, NULL);
}

const char *
pb_banner_get_title (PbBanner *self)
{
  g_return_val_if_fail (PB_IS_BANNER (self), NULL);
  return self->title;
}

void
pb_banner_set_title (PbBanner   *self,
                     const char *title)
{
  g_autofree char *display = NULL;

  g_return_if_fail (PB_IS_BANNER (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  display = pb_ui_dup_display_text (title);
  gtk_label_set_text (self->title_label, display != NULL ? display : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title != NULL ? title : "",
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

gboolean
pb_banner_get_revealed (PbBanner *self)
{
  g_return_val_if_fail (PB_IS_BANNER (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self));
}

void
pb_banner_set_revealed (PbBanner *self,
                        gboolean  revealed)
{
  g_return_if_fail (PB_IS_BANNER (self));

  revealed = !!revealed;
  if (revealed == pb_banner_get_revealed (self))
    return;

  gtk_widget_set_visible (GTK_WIDGET (self), revealed);
  gtk_revealer_set_reveal_child (self->revealer, revealed);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALED]);
}

void
pb_banner_set_button (PbBanner   *self,
                      guint       index,
                      const char *label,
                      const char *action_name)
{
  g_return_if_fail (PB_IS_BANNER (self));
  g_return_if_fail (index < N_BUTTONS);

  gtk_widget_set_visible (GTK_WIDGET (self->buttons[index]), label != NULL);
  if (label != NULL)
    gtk_button_set_label (self->buttons[index], label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->buttons[index]), action_name);
}

GtkButton *
pb_banner_get_button (PbBanner *self,
                      guint     index)
{
  g_return_val_if_fail (PB_IS_BANNER (self), NULL);
  g_return_val_if_fail (index < N_BUTTONS, NULL);
  return self->buttons[index];
}
