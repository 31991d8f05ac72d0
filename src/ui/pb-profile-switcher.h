/* pb-profile-switcher.h: the header's title, which is the profile open
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pb-core.h"

G_BEGIN_DECLS

#define PB_TYPE_PROFILE_SWITCHER (pb_profile_switcher_get_type ())

G_DECLARE_FINAL_TYPE (PbProfileSwitcher, pb_profile_switcher, PB, PROFILE_SWITCHER, GtkWidget)

/* The window's title: the profile's name over what state its draft is in
 * ("Unsaved changes", "Saved as revision 3"), at any width. A click (or
 * Space) lists the profiles; choosing one emits ::profile-chosen. */
GtkWidget  *pb_profile_switcher_new          (void);
/* PbProfile items; NULL or empty: nothing to switch to. */
void        pb_profile_switcher_set_profiles (PbProfileSwitcher *self,
                                              GListModel        *profiles);
GListModel *pb_profile_switcher_get_profiles (PbProfileSwitcher *self);
/* The profile shown, NULL for none. */
void        pb_profile_switcher_set_profile  (PbProfileSwitcher *self,
                                              PbProfile         *profile);
PbProfile  *pb_profile_switcher_get_profile  (PbProfileSwitcher *self);
/* The line under the name. @warning marks a state that needs the
 * administrator's attention (the draft could not be saved yet). */
void        pb_profile_switcher_set_subtitle (PbProfileSwitcher *self,
                                              const char        *subtitle,
                                              gboolean           warning);
const char *pb_profile_switcher_get_subtitle (PbProfileSwitcher *self);
/* Narrow (on a phone): no arrow, so that the name and the state keep the
 * room; the title still opens the list. */
void        pb_profile_switcher_set_compact  (PbProfileSwitcher *self,
                                              gboolean           compact);
/* What choosing the profile at @position in the list does (for tests). */
void        pb_profile_switcher_choose       (PbProfileSwitcher *self,
                                              guint              position);

G_END_DECLS
