/* pb-check-registry.h: every check, once: code, severity, title, advice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-finding.h"

G_BEGIN_DECLS

/* What a check is, as the checks, the window, the CLI (`checks`) and
 * docs/checks.md show it. @title and @advice are untranslated (N_()): use
 * pb_check_info_get_title() and pb_check_info_get_advice(). */
typedef struct
{
  const char *code;
  PbSeverity  severity;
  const char *title;
  const char *advice;
} PbCheckInfo;

/* Every check, in the order docs/checks.md lists them (errors first). */
const PbCheckInfo *pb_check_registry_get_all     (guint              *n_checks);
/* NULL for a code no check has (a platform's own finding, say). */
const PbCheckInfo *pb_check_registry_lookup      (const char         *code);

/* Translated; for an unknown code, the code itself. */
const char        *pb_check_info_get_title       (const PbCheckInfo  *info);
const char        *pb_check_info_get_advice      (const PbCheckInfo  *info);
/* The translated title of @code's check, or @code itself. */
const char        *pb_check_registry_get_title   (const char         *code);

G_END_DECLS
