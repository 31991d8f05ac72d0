/* pb-account-switches.h: the account's switches, under the grids
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pb-core.h"

G_BEGIN_DECLS

#define PB_TYPE_ACCOUNT_SWITCHES (pb_account_switches_get_type ())

G_DECLARE_FINAL_TYPE (PbAccountSwitches, pb_account_switches, PB, ACCOUNT_SWITCHES, GtkWidget)

/* "Revert to last status" (a switch) and the agent post-call state (shown,
 * not edited: an account setting of the platform), with the explanation
 * when the post-call state makes the switch ineffective. Follows the
 * configuration's "changed"; flipping the switch emits ::revert-changed
 * and the owner makes the edit. */
GtkWidget *pb_account_switches_new               (void);
void       pb_account_switches_set_configuration (PbAccountSwitches *self,
                                                  PbConfiguration   *configuration);
/* Focuses the switch (what activating a finding about it does). */
gboolean   pb_account_switches_focus             (PbAccountSwitches *self);

G_END_DECLS
