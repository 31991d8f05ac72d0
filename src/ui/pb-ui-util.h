/* pb-ui-util.h: what the window's parts share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pb-finding.h"

G_BEGIN_DECLS

/* At most this many characters of a name or label are shown in a row;
 * the tooltip has more, the accessible description all of it. */
#define PB_UI_DISPLAY_MAX_CHARS 200
/* And at most this many in a tooltip (wrapped at any character). */
#define PB_UI_TOOLTIP_MAX_CHARS 2000

/* Untrusted text (a name, a label, a message) as a label may show it, with
 * use-markup off ("<b>" stays "<b>"): control characters (a line break, a
 * tab) become their visible symbols (U+240A …), so a row keeps its height;
 * text holding bidirectional controls is isolated (U+2068 … U+2069), so a
 * right-to-left override cannot reverse the words around it; and it is
 * cut after PB_UI_DISPLAY_MAX_CHARS characters with an ellipsis, so that
 * showing it costs what showing a short text does. Plain text comes back
 * unchanged. */
char       *pb_ui_dup_display_text       (const char *text);

/* Sets the tooltip of @widget to @text (NULL for none) without asking the
 * display anything: the text is read when a tooltip is about to show. In
 * GTK 4.8 gtk_widget_set_tooltip_text() costs round trips to the X server,
 * which a list binding hundreds of rows cannot afford. */
void        pb_ui_set_tooltip            (GtkWidget  *widget,
                                          const char *text);
const char *pb_ui_get_tooltip            (GtkWidget  *widget);

/* Brings @store to the contents of @fresh by one splice of the part that
 * differs (items compared with @equal). An update changes a few items
 * among thousands: replacing the whole list would rebind every row. */
void        pb_ui_list_store_sync        (GListStore *store,
                                          GListModel *fresh,
                                          GEqualFunc  equal);

/* In GTK 4.8 Tab walks a list row by row, all 5,000 of them; the arrows do
 * that already. After this, Tab and Shift+Tab leave @list in one step, as
 * they leave any other widget. */
void        pb_ui_list_view_leave_on_tab (GtkWidget  *list);

/* A label for a cell of a list: one line, cut with an ellipsis, at least
 * @width_chars wide and asking for at most @max_width_chars. Its text goes
 * through pb_ui_dup_display_text() first, so it is bounded. */
GtkWidget  *pb_ui_cell_label_new         (int         width_chars,
                                          int         max_width_chars);

/* A label for text that wraps (at any character when a word is too
 * long), aligned to the start, taking the width it is given: asking for
 * @width_chars at least and @max_width_chars at most (-1: unset). Put it
 * in a grid, not in nested boxes. */
GtkWidget  *pb_ui_wrapping_label_new     (int         width_chars,
                                          int         max_width_chars);

/* What a screen reader says of a list's row: on @row and on the list
 * item holding it, which is what takes the focus. */
void        pb_ui_set_row_accessible     (GtkWidget  *row,
                                          const char *label,
                                          const char *description);

/* Reads @file with @load (a file loader of the core, such as
 * pb_config_file_load_path()) in a worker thread; a file that is not
 * local fails with PB_ERROR_INVALID_FILE and @not_local_message. The
 * result is what @load returned (a GObject). */
typedef gpointer (*PbUiLoadPathFunc) (const char  *path,
                                      GError     **error);
void        pb_ui_load_file_async        (gpointer             source_object,
                                          GFile               *file,
                                          PbUiLoadPathFunc     load,
                                          const char          *not_local_message,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gpointer    pb_ui_load_file_finish       (GAsyncResult        *result,
                                          GError             **error);

/* A row of a popup list: a cell label and a check mark, named
 * @check_label for a screen reader, on the entry that is current.
 * pb_ui_check_row_set() shows an item in it. */
GtkWidget  *pb_ui_check_row_new          (const char *check_label);
void        pb_ui_check_row_set          (GtkWidget  *row,
                                          const char *text,
                                          gboolean    checked);

/* A severity as a screen reader says it ("Warning"), and as an icon in
 * its colour, named for a screen reader. */
const char *pb_ui_severity_name          (PbSeverity  severity);
void        pb_ui_set_severity_image     (GtkImage   *image,
                                          PbSeverity  severity);

/* What a widget's dispose does with its template: clears the template
 * children, and unparents the children without an id, which
 * gtk_widget_dispose_template() leaves. */
void        pb_ui_dispose_template       (GtkWidget  *widget,
                                          GType       widget_type);

G_END_DECLS
