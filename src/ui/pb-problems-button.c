/* pb-problems-button.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-core.h"
#include "pb-problems-button.h"

struct _PbProblemsButton
{
  GtkButton parent_instance;

  GtkImage *icon;
  GtkLabel *summary;
};

G_DEFINE_FINAL_TYPE (PbProblemsButton, pb_problems_button, GTK_TYPE_BUTTON)

void
pb_problems_button_set_findings (PbProblemsButton *self,
                                 GListModel       *findings)
{
  static const char * const styles[] = { "error", "warning", "success" };
  static const char * const icons[] = { "dialog-error-symbolic", "dialog-warning-symbolic", "emblem-ok-symbolic" };
  guint errors, warnings, notes, style;
  g_autofree char *summary = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (PB_IS_PROBLEMS_BUTTON (self));

  gtk_widget_set_visible (GTK_WIDGET (self), findings != NULL);
  if (findings == NULL)
    return;

  errors = pb_checks_count (findings, PB_SEVERITY_ERROR);
  warnings = pb_checks_count (findings, PB_SEVERITY_WARNING);
  notes = pb_checks_count (findings, PB_SEVERITY_INFO);

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

  style = errors > 0 ? 0 : warnings > 0 ? 1 : 2;
  gtk_image_set_from_icon_name (self->icon, icons[style]);
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->icon), styles[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->icon), styles[style]);
  gtk_label_set_label (self->summary, summary);

  /* Translators: the problems button read out: "Problems: 2 errors, 1 warning". */
  label = g_strdup_printf (_("Problems: %s"), summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

const char *
pb_problems_button_get_summary (PbProblemsButton *self)
{
  g_return_val_if_fail (PB_IS_PROBLEMS_BUTTON (self), NULL);
  return gtk_label_get_label (self->summary);
}

static void
pb_problems_button_class_init (PbProblemsButtonClass *klass)
{
}

static void
pb_problems_button_init (PbProblemsButton *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->icon = GTK_IMAGE (gtk_image_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "",
                                  -1);
  self->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->summary, PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->icon));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->summary));
  gtk_button_set_child (GTK_BUTTON (self), box);

  gtk_widget_add_css_class (GTK_WIDGET (self), "flat");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), _("Show the problems (F8)"));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
pb_problems_button_new (void)
{
  return g_object_new (PB_TYPE_PROBLEMS_BUTTON, NULL);
}
