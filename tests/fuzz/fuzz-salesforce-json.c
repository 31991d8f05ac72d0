/* fuzz-salesforce-json.c: every reader of Salesforce's answers (token,
 * OAuth error, REST error, query page; docs/reliability.md, "Bad server
 * answers")
 *
 * Each input goes through all the readers: a server may answer any
 * request with any body, so each must refuse what it cannot use, with
 * one line that says why, and never crash or leak.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-core.h"
#include "pb-fuzz.h"
#include "pb-remote-error.h"
#include "pb-salesforce-json.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* The SELECT list of the presence status query. */
  static const char * const fields[] = { "Id", "DeveloperName", "MasterLabel", NULL };
  const char *text = (const char *) data;

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PbSalesforceToken) token = pb_salesforce_json_parse_token (text, size, &error);
    if (token == NULL)
      pb_fuzz_assert_refusal (error, PB_REMOTE_ERROR, PB_ERROR);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *code = NULL;
    g_autofree char *description = NULL;

    if (pb_salesforce_json_parse_oauth_error (text, size, &code, &description, &error))
      g_assert_nonnull (code);
    else
      pb_fuzz_assert_refusal (error, PB_REMOTE_ERROR, PB_ERROR);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *code = NULL;
    g_autofree char *message = NULL;

    if (!pb_salesforce_json_parse_errors (text, size, &code, &message, &error))
      pb_fuzz_assert_refusal (error, PB_REMOTE_ERROR, PB_ERROR);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PbSalesforcePage) page = pb_salesforce_json_parse_page (text, size, fields, &error);

    if (page == NULL)
      {
        pb_fuzz_assert_refusal (error, PB_REMOTE_ERROR, PB_ERROR);
      }
    else
      {
        /* A page that is not the last says where the next one is. */
        g_assert_true (page->done || page->next_records_url != NULL);
        for (guint i = 0; i < page->records->len; i++)
          g_assert_cmpuint (g_strv_length (g_ptr_array_index (page->records, i)), ==, G_N_ELEMENTS (fields) - 1);
      }
  }

  return 0;
}
