/* pb-sandbox-platform.h: the contact-centre platform's configuration API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "pb-sandbox-faults.h"
#include "pb-sandbox-routes.h"
#include "pb-sandbox-state.h"

G_BEGIN_DECLS

#define PB_TYPE_SANDBOX_PLATFORM (pb_sandbox_platform_get_type ())

G_DECLARE_FINAL_TYPE (PbSandboxPlatform, pb_sandbox_platform, PB, SANDBOX_PLATFORM, GObject)

PbSandboxPlatform *pb_sandbox_platform_new    (PbSandboxState    *state,
                                               PbSandboxFaults   *faults);
void               pb_sandbox_platform_handle (PbSandboxPlatform *self,
                                               PbSandboxRouteId   route,
                                               SoupServerMessage *msg);

G_END_DECLS
