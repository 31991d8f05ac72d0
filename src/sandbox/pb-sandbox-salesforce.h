/* pb-sandbox-salesforce.h: the Salesforce REST API subset (SOQL queries)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "pb-sandbox-faults.h"
#include "pb-sandbox-routes.h"
#include "pb-sandbox-state.h"

G_BEGIN_DECLS

#define PB_SANDBOX_SALESFORCE_API_VERSION "v60.0"

#define PB_TYPE_SANDBOX_SALESFORCE (pb_sandbox_salesforce_get_type ())

G_DECLARE_FINAL_TYPE (PbSandboxSalesforce, pb_sandbox_salesforce, PB, SANDBOX_SALESFORCE, GObject)

/* @page_sizes: the records of each page in turn (cycling), as Salesforce
 * varies its batches; at least one, each at least 1. */
PbSandboxSalesforce *pb_sandbox_salesforce_new          (PbSandboxState      *state,
                                                         PbSandboxFaults     *faults,
                                                         GArray              *page_sizes);
void                 pb_sandbox_salesforce_set_base_url (PbSandboxSalesforce *self,
                                                         const char          *base_url);
/* @params: the values of the route's "{name}" segments. */
void                 pb_sandbox_salesforce_handle       (PbSandboxSalesforce *self,
                                                         PbSandboxRouteId     route,
                                                         SoupServerMessage   *msg,
                                                         GHashTable          *query,
                                                         char               **params);

G_END_DECLS
