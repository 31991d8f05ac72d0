/* pb-search-bar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "pb-search-bar.h"
#include "pb-ui-util.h"

struct _PbSearchBar
{
  GtkWidget parent_instance;

  GtkSearchBar   *search_bar;
  GtkSearchEntry *entry;
};

G_DEFINE_FINAL_TYPE (PbSearchBar, pb_search_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SEARCH_MODE_ENABLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SEARCH_CHANGED,
  ACTIVATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
search_changed_cb (PbSearchBar    *self,
                   GtkSearchEntry *entry)
{
  g_signal_emit (self, signals[SEARCH_CHANGED], 0, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
activate_cb (PbSearchBar    *self,
             GtkSearchEntry *entry)
{
  g_signal_emit (self, signals[ACTIVATE], 0);
}

static void
stop_search_cb (PbSearchBar    *self,
                GtkSearchEntry *entry)
{
  pb_search_bar_clear (self);
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
search_mode_cb (PbSearchBar *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE_ENABLED]);
}

static void
pb_search_bar_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PbSearchBar *self = PB_SEARCH_BAR (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE_ENABLED:
      g_value_set_boolean (value, pb_search_bar_get_search_mode_enabled (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_search_bar_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PbSearchBar *self = PB_SEARCH_BAR (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE_ENABLED:
      pb_search_bar_set_search_mode_enabled (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_search_bar_dispose (GObject *object)
{
  pb_ui_dispose_template (GTK_WIDGET (object), PB_TYPE_SEARCH_BAR);

  G_OBJECT_CLASS (pb_search_bar_parent_class)->dispose (object);
}

static void
pb_search_bar_class_init (PbSearchBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_search_bar_dispose;
  object_class->get_property = pb_search_bar_get_property;
  object_class->set_property = pb_search_bar_set_property;

  properties[PROP_SEARCH_MODE_ENABLED] =
    g_param_spec_boolean ("search-mode-enabled", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PbSearchBar::search-changed:
   * @text: what is searched for, "" for nothing
   */
  signals[SEARCH_CHANGED] =
    g_signal_new ("search-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * PbSearchBar::activate:
   *
   * Enter in the entry: go to the results.
   */
  signals[ACTIVATE] =
    g_signal_new ("activate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (ADW_TYPE_CLAMP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/presencebridge/PresenceBridge/pb-search-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, PbSearchBar, search_bar);
  gtk_widget_class_bind_template_child (widget_class, PbSearchBar, entry);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_mode_cb);

  gtk_widget_class_set_css_name (widget_class, "pbsearchbar");
}

static void
pb_search_bar_init (PbSearchBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->entry));
}

GtkWidget *
pb_search_bar_new (void)
{
  return g_object_new (PB_TYPE_SEARCH_BAR, NULL);
}

void
pb_search_bar_set_key_capture_widget (PbSearchBar *self,
                                      GtkWidget   *widget)
{
  g_return_if_fail (PB_IS_SEARCH_BAR (self));
  gtk_search_bar_set_key_capture_widget (self->search_bar, widget);
}

gboolean
pb_search_bar_get_search_mode_enabled (PbSearchBar *self)
{
  g_return_val_if_fail (PB_IS_SEARCH_BAR (self), FALSE);
  return gtk_search_bar_get_search_mode (self->search_bar);
}

void
pb_search_bar_set_search_mode_enabled (PbSearchBar *self,
                                       gboolean     enabled)
{
  g_return_if_fail (PB_IS_SEARCH_BAR (self));
  gtk_search_bar_set_search_mode (self->search_bar, enabled);
}

void
pb_search_bar_start (PbSearchBar *self)
{
  g_return_if_fail (PB_IS_SEARCH_BAR (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

void
pb_search_bar_clear (PbSearchBar *self)
{
  g_return_if_fail (PB_IS_SEARCH_BAR (self));

  if (gtk_editable_get_text (GTK_EDITABLE (self->entry))[0] == '\0')
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
}

const char *
pb_search_bar_get_text (PbSearchBar *self)
{
  g_return_val_if_fail (PB_IS_SEARCH_BAR (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

GtkWidget *
pb_search_bar_get_entry (PbSearchBar *self)
{
  g_return_val_if_fail (PB_IS_SEARCH_BAR (self), NULL);
  return GTK_WIDGET (self->entry);
}
