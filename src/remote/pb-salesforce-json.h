/* pb-salesforce-json.h: reading Salesforce's answers (pure, no I/O)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each parser takes any bytes and never crashes; on failure @error is
 * PB_REMOTE_ERROR_MALFORMED with "line L:C: …" or a JSON path. Fields
 * these do not know are ignored. */

/* An OAuth token answer: from the authorization code, or from a refresh
 * (which may leave out the refresh token and more). */
typedef struct
{
  char *access_token;
  char *refresh_token; /* may be NULL */
  char *instance_url;  /* may be NULL */
  char *org_id;        /* from the identity URL "…/id/{org}/{user}"; may be NULL */
} PbSalesforceToken;

void               pb_salesforce_token_free             (PbSalesforceToken  *token);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbSalesforceToken, pb_salesforce_token_free)

PbSalesforceToken *pb_salesforce_json_parse_token       (const char         *data,
                                                         gsize               length,
                                                         GError            **error);

/* An OAuth error {"error":"invalid_grant","error_description":"…"}:
 * *@code is set (never NULL on success), *@description may be NULL. */
gboolean           pb_salesforce_json_parse_oauth_error (const char         *data,
                                                         gsize               length,
                                                         char              **code,
                                                         char              **description,
                                                         GError            **error);

/* A REST error answer [{"message":"…","errorCode":"…"}, …]: the first
 * entry's code and message (either may be NULL). */
gboolean           pb_salesforce_json_parse_errors      (const char         *data,
                                                         gsize               length,
                                                         char              **error_code,
                                                         char              **message,
                                                         GError            **error);

/* One page of a query answer. */
typedef struct
{
  gint64 total_size;
  gboolean done;
  char *next_records_url; /* NULL when done */
  GPtrArray *records;     /* GStrv each: the values of the requested fields, in order */
} PbSalesforcePage;

void               pb_salesforce_page_free              (PbSalesforcePage   *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbSalesforcePage, pb_salesforce_page_free)

/* @fields: the fields every record must have as strings (the SELECT list). */
PbSalesforcePage  *pb_salesforce_json_parse_page        (const char         *data,
                                                         gsize               length,
                                                         const char * const *fields,
                                                         GError            **error);

G_END_DECLS
