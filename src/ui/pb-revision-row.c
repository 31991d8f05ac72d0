/* pb-revision-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-revision-row.h"
#include "pb-ui-util.h"

const char *
pb_revision_source_label (const char *source)
{
  if (g_strcmp0 (source, PB_REVISION_SOURCE_SAVE) == 0)
    return C_("revision source", "Saved");
  if (g_strcmp0 (source, PB_REVISION_SOURCE_IMPORT) == 0)
    return C_("revision source", "Imported");
  if (g_strcmp0 (source, PB_REVISION_SOURCE_RESTORE) == 0)
    return C_("revision source", "Restored");
  if (g_strcmp0 (source, PB_REVISION_SOURCE_FETCH) == 0)
    return C_("revision source", "Fetched");
  if (g_strcmp0 (source, PB_REVISION_SOURCE_PUBLISH) == 0)
    return C_("revision source", "Published");
  if (g_strcmp0 (source, PB_REVISION_SOURCE_PROMOTE) == 0)
    return C_("revision source", "Promoted");

  /* A source a newer version wrote: show it rather than hide the revision. */
  return source != NULL ? source : "";
}

char *
pb_revision_dup_local_time (PbRevision *revision)
{
  g_autoptr(GDateTime) local = NULL;

  if (pb_revision_get_time (revision) == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (pb_revision_get_time (revision));
  /* Translators: when a revision was saved, in g_date_time_format() syntax */
  return g_date_time_format (local, _("%-d %b %Y, %H:%M"));
}

GtkWidget *
pb_revision_row_new (void)
{
  GtkWidget *row;
  GtkWidget *top;
  GtkWidget *title;
  GtkWidget *source;
  GtkWidget *time;
  GtkWidget *comment;

  row = g_object_new (GTK_TYPE_BOX,
                      "orientation", GTK_ORIENTATION_VERTICAL,
                      "spacing", 3,
                      "margin-top", 6,
                      "margin-bottom", 6,
                      "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP,
                      NULL);

  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (row), top);

  title = g_object_new (GTK_TYPE_LABEL, "xalign", 0.0f, "hexpand", TRUE, NULL);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (top), title);

  source = g_object_new (GTK_TYPE_LABEL, "xalign", 1.0f, NULL);
  gtk_widget_add_css_class (source, "caption");
  gtk_box_append (GTK_BOX (top), source);

  time = g_object_new (GTK_TYPE_LABEL, "xalign", 0.0f, NULL);
  gtk_widget_add_css_class (time, "caption");
  gtk_widget_add_css_class (time, "dim-label");
  gtk_box_append (GTK_BOX (row), time);

  comment = g_object_new (GTK_TYPE_LABEL,
                          "xalign", 0.0f,
                          "ellipsize", PANGO_ELLIPSIZE_END,
                          NULL);
  gtk_box_append (GTK_BOX (row), comment);

  g_object_set_data (G_OBJECT (row), "title", title);
  g_object_set_data (G_OBJECT (row), "source", source);
  g_object_set_data (G_OBJECT (row), "time", time);
  g_object_set_data (G_OBJECT (row), "comment", comment);

  return row;
}

void
pb_revision_row_set (GtkWidget  *row,
                     PbRevision *revision)
{
  const char *comment = pb_revision_get_comment (revision);
  g_autofree char *shown = pb_ui_dup_display_text (comment);
  const char *source = pb_revision_source_label (pb_revision_get_source (revision));
  g_autofree char *title = g_strdup_printf (_("Revision %u"), pb_revision_get_number (revision));
  g_autofree char *time = pb_revision_dup_local_time (revision);
  g_autofree char *accessible_label = NULL;

  gtk_label_set_label (g_object_get_data (G_OBJECT (row), "title"), title);
  gtk_label_set_label (g_object_get_data (G_OBJECT (row), "source"), source);
  gtk_label_set_label (g_object_get_data (G_OBJECT (row), "time"), time);
  gtk_label_set_label (g_object_get_data (G_OBJECT (row), "comment"), shown);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "comment"),
                          comment != NULL && *comment != '\0');
  pb_ui_set_tooltip (g_object_get_data (G_OBJECT (row), "comment"), comment);

  /* Translators: how a screen reader announces a revision: its number,
   * how it was recorded ("Saved", "Imported"…) and when */
  accessible_label = g_strdup_printf (_("Revision %u, %s, %s"),
                                      pb_revision_get_number (revision), source, time);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, comment ? comment : "",
                                  -1);
}
