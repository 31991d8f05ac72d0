/* pb-banner.h: a strip across the window that says what needs a choice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PB_TYPE_BANNER (pb_banner_get_type ())

G_DECLARE_FINAL_TYPE (PbBanner, pb_banner, PB, BANNER, GtkWidget)

/* libadwaita 1.2 has no AdwBanner: this is its look and its job — a
 * title and up to two buttons that activate actions, revealed while a
 * state lasts ("changed elsewhere", "in conflict with the platform").
 * The title is plain text, never markup. */
GtkWidget  *pb_banner_new              (void);
const char *pb_banner_get_title        (PbBanner   *self);
void        pb_banner_set_title        (PbBanner   *self,
                                        const char *title);
gboolean    pb_banner_get_revealed     (PbBanner   *self);
void        pb_banner_set_revealed     (PbBanner   *self,
                                        gboolean    revealed);
/* A NULL label hides the button. */
void        pb_banner_set_button       (PbBanner   *self,
                                        guint       index,
                                        const char *label,
                                        const char *action_name);
GtkButton  *pb_banner_get_button       (PbBanner   *self,
                                        guint       index);

G_END_DECLS
