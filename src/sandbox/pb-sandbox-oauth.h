/* pb-sandbox-oauth.h: sign-in for both APIs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "pb-sandbox-routes.h"
#include "pb-sandbox-state.h"

G_BEGIN_DECLS

#define PB_TYPE_SANDBOX_OAUTH (pb_sandbox_oauth_get_type ())

G_DECLARE_FINAL_TYPE (PbSandboxOAuth, pb_sandbox_oauth, PB, SANDBOX_OAUTH, GObject)

/* The platform's client credentials grant, and Salesforce's authorization
 * code grant with PKCE (S256) and refresh tokens, for one connected app
 * whose callback URLs are @callbacks (matched exactly). */
PbSandboxOAuth *pb_sandbox_oauth_new          (PbSandboxState     *state,
                                               const char         *platform_client_id,
                                               const char         *platform_client_secret,
                                               const char         *salesforce_client_id,
                                               const char * const *callbacks,
                                               guint               token_lifetime);
/* Where the sandbox listens: instance_url and the identity URL use it. */
void            pb_sandbox_oauth_set_base_url (PbSandboxOAuth     *self,
                                               const char         *base_url);
void            pb_sandbox_oauth_handle       (PbSandboxOAuth     *self,
                                               PbSandboxRouteId    route,
                                               SoupServerMessage  *msg,
                                               GHashTable         *query);

G_END_DECLS
