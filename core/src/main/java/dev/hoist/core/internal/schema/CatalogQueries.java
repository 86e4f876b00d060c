package dev.hoist.core.internal.schema;

/**
 * The catalog queries a {@link CatalogReader} runs, one per object kind. Each takes the
 * schema names as its only parameter ({@code text[]}) and runs with
 * {@code search_path = pg_catalog}, so that every name the deparsers print is
 * schema-qualified. Objects that belong to an extension ({@code pg_depend.deptype = 'e'})
 * are left out: they are the extension's.
 */
final class CatalogQueries {

	private static final String COLLATION = "(SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname)"
			+ " FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = %s)";

	static final String SCHEMAS = """
			SELECT n.oid, n.nspname, d.description
			FROM pg_namespace n
			LEFT JOIN pg_description d ON d.objoid = n.oid AND d.classoid = 'pg_namespace'::regclass
			WHERE n.nspname = ANY(?)
			""";

	static final String EXTENSIONS = """
			SELECT e.oid, e.extname, n.nspname, e.extversion, d.description
			FROM pg_extension e
			JOIN pg_namespace n ON n.oid = e.extnamespace
			LEFT JOIN pg_description d ON d.objoid = e.oid AND d.classoid = 'pg_extension'::regclass
			WHERE n.nspname = ANY(?)
			""";

	// The ICU locale moved from collcollate (14) to colliculocale (15, 16) to colllocale
	// (17); to_jsonb reads whichever the server has.
	static final String COLLATIONS = """
			SELECT c.oid, n.nspname, c.collname, c.collprovider::text, c.collisdeterministic, c.collcollate,
			  c.collctype, coalesce(to_jsonb(c) ->> 'colllocale', to_jsonb(c) ->> 'colliculocale'),
			  to_jsonb(c) ->> 'collicurules', d.description, c.collencoding = -1
			FROM pg_collation c
			JOIN pg_namespace n ON n.oid = c.collnamespace
			LEFT JOIN pg_description d ON d.objoid = c.oid AND d.classoid = 'pg_collation'::regclass
			WHERE n.nspname = ANY(?)
			  AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_collation'::regclass
			    AND x.objid = c.oid AND x.deptype = 'e')
			ORDER BY n.nspname, c.collname
			""";

	static final String TYPES = """
			SELECT t.oid, t.typarray, n.nspname, t.typname, t.typtype, d.description,
			  CASE WHEN t.typtype = 'e' THEN ARRAY(SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = t.oid
			    ORDER BY e.enumsortorder) END AS labels,
			  CASE WHEN t.typtype = 'c' THEN ARRAY(SELECT a.attname FROM pg_attribute a WHERE a.attrelid = t.typrelid
			    AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum) END AS attribute_names,
			  CASE WHEN t.typtype = 'c' THEN ARRAY(SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
			    WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum)
			    END AS attribute_types,
			  CASE WHEN t.typtype = 'c' THEN ARRAY(SELECT CASE WHEN a.attcollation <> at.typcollation THEN
			    %1$s END FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid WHERE a.attrelid = t.typrelid
			    AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum) END AS attribute_collations,
			  CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS base_type,
			  CASE WHEN t.typtype = 'd' AND t.typcollation <> bt.typcollation THEN %2$s END AS domain_collation,
			  CASE WHEN t.typtype = 'd' THEN pg_get_expr(t.typdefaultbin, 0) END AS domain_default,
			  t.typnotnull,
			  CASE WHEN t.typtype = 'r' THEN format_type(r.rngsubtype, NULL) END AS subtype,
			  CASE WHEN t.typtype = 'r' AND NOT opc.opcdefault THEN quote_ident(opn.nspname) || '.'
			    || quote_ident(opc.opcname) END AS subtype_opclass,
			  CASE WHEN t.typtype = 'r' AND r.rngcollation <> 0 AND r.rngcollation <> st.typcollation THEN %3$s
			    END AS range_collation,
			  CASE WHEN r.rngcanonical <> 0 THEN r.rngcanonical::regproc::text END AS canonical,
			  CASE WHEN r.rngsubdiff <> 0 THEN r.rngsubdiff::regproc::text END AS subtype_diff,
			  r.rngmultitypid, mt.typname AS multirange, c.oid AS relation
			FROM pg_type t
			JOIN pg_namespace n ON n.oid = t.typnamespace
			LEFT JOIN pg_class c ON c.oid = t.typrelid
			LEFT JOIN pg_type bt ON bt.oid = t.typbasetype
			LEFT JOIN pg_range r ON r.rngtypid = t.oid
			LEFT JOIN pg_type st ON st.oid = r.rngsubtype
			LEFT JOIN pg_type mt ON mt.oid = r.rngmultitypid
			LEFT JOIN pg_opclass opc ON opc.oid = r.rngsubopc
			LEFT JOIN pg_namespace opn ON opn.oid = opc.opcnamespace
			LEFT JOIN pg_description d ON d.objoid = t.oid AND d.classoid = 'pg_type'::regclass
			WHERE n.nspname = ANY(?) AND t.typtype IN ('e', 'c', 'd', 'r') AND (t.typtype <> 'c' OR c.relkind = 'c')
			  AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_type'::regclass AND x.objid = t.oid
			    AND x.deptype = 'e')
			ORDER BY n.nspname, t.typname
			""".formatted(String.format(COLLATION, "a.attcollation"), String.format(COLLATION, "t.typcollation"),
			String.format(COLLATION, "r.rngcollation"));

	static final String SEQUENCES = """
			SELECT c.oid, n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin,
			  s.seqmax, s.seqcache, s.seqcycle, c.relpersistence = 'u' AS unlogged,
			  (SELECT quote_ident(tn.nspname) || '.' || quote_ident(tc.relname) || '.' || quote_ident(a.attname)
			    FROM pg_depend o JOIN pg_class tc ON tc.oid = o.refobjid
			    JOIN pg_namespace tn ON tn.oid = tc.relnamespace
			    JOIN pg_attribute a ON a.attrelid = o.refobjid AND a.attnum = o.refobjsubid
			    WHERE o.classid = 'pg_class'::regclass AND o.objid = c.oid AND o.refclassid = 'pg_class'::regclass
			      AND o.deptype = 'a' AND o.refobjsubid > 0 LIMIT 1) AS owned_by,
			  d.description
			FROM pg_sequence s
			JOIN pg_class c ON c.oid = s.seqrelid
			JOIN pg_namespace n ON n.oid = c.relnamespace
			LEFT JOIN pg_description d ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
			WHERE n.nspname = ANY(?)
			  AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_class'::regclass AND x.objid = c.oid
			    AND x.deptype IN ('e', 'i'))
			ORDER BY n.nspname, c.relname
			""";

	static final String TABLES = """
			SELECT c.oid, c.reltype, n.nspname, c.relname, c.relpersistence = 'u' AS unlogged,
			  CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key,
			  CASE WHEN c.relispartition THEN (SELECT quote_ident(pn.nspname) || '.' || quote_ident(pc.relname)
			    FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent
			    JOIN pg_namespace pn ON pn.oid = pc.relnamespace WHERE i.inhrelid = c.oid) END AS partition_of,
			  CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS partition_bound,
			  CASE WHEN c.relispartition THEN pg_get_partition_constraintdef(c.oid) END AS partition_constraint,
			  CASE WHEN c.relispartition THEN ARRAY[]::text[] ELSE ARRAY(SELECT quote_ident(pn.nspname) || '.'
			    || quote_ident(pc.relname) FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent
			    JOIN pg_namespace pn ON pn.oid = pc.relnamespace WHERE i.inhrelid = c.oid ORDER BY i.inhseqno)
			    END AS inherits,
			  c.reloptions, c.relrowsecurity, c.relforcerowsecurity, c.relreplident::text,
			  CASE WHEN am.amname <> 'heap' THEN am.amname::text END AS access_method,
			  d.description, c.reloftype <> 0 AS typed
			FROM pg_class c
			JOIN pg_namespace n ON n.oid = c.relnamespace
			LEFT JOIN pg_am am ON am.oid = c.relam
			LEFT JOIN pg_description d ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
			WHERE n.nspname = ANY(?) AND c.relkind IN ('r', 'p')
			  AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_class'::regclass AND x.objid = c.oid
			    AND x.deptype = 'e')
			ORDER BY n.nspname, c.relname
			""";

	static final String COLUMNS = """
			SELECT a.attrelid, a.attnum, n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
			  t.typcategory::text, CASE WHEN a.attcollation <> t.typcollation THEN %s END AS collation,
			  a.attnotnull, pg_get_expr(ad.adbin, ad.adrelid) AS default_value, a.attidentity::text,
			  a.attgenerated::text, a.attislocal AND NOT c.relispartition,
			  CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage::text END AS storage,
			  a.attcompression::text, coalesce(a.attstattarget::int, -1), a.attoptions, d.description,
			  ids.relname AS sequence_name, format_type(s.seqtypid, NULL) AS sequence_type, s.seqstart,
			  s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle, ids.relpersistence = 'u', idn.nspname
			FROM pg_attribute a
			JOIN pg_class c ON c.oid = a.attrelid AND c.relkind IN ('r', 'p')
			JOIN pg_namespace n ON n.oid = c.relnamespace
			JOIN pg_type t ON t.oid = a.atttypid
			LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
			LEFT JOIN pg_description d ON d.objoid = a.attrelid AND d.classoid = 'pg_class'::regclass
			  AND d.objsubid = a.attnum
			LEFT JOIN pg_depend idd ON a.attidentity <> '' AND idd.refclassid = 'pg_class'::regclass
			  AND idd.refobjid = a.attrelid AND idd.refobjsubid = a.attnum AND idd.classid = 'pg_class'::regclass
			  AND idd.deptype = 'i'
			LEFT JOIN pg_class ids ON ids.oid = idd.objid AND ids.relkind = 'S'
			LEFT JOIN pg_namespace idn ON idn.oid = ids.relnamespace
			LEFT JOIN pg_sequence s ON s.seqrelid = ids.oid
			WHERE n.nspname = ANY(?) AND a.attnum > 0 AND NOT a.attisdropped
			  AND (a.attidentity = '' OR ids.oid IS NOT NULL)
			  AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_class'::regclass AND x.objid = c.oid
			    AND x.deptype = 'e')
			ORDER BY n.nspname, c.relname, a.attnum
			""".formatted(String.format(COLLATION, "a.attcollation"));

	static final String CONSTRAINTS = """
			SELECT co.oid, n.nspname, coalesce(c.relname, t.typname), co.conname, co.contype::text,
			  pg_get_constraintdef(co.oid), co.convalidated, co.contypid <> 0 AS on_domain,
			  CASE WHEN co.contype IN ('p', 'u', 'x') AND co.conindid <> 0 THEN pg_get_indexdef(co.conindid) END,
			  ARRAY(SELECT a.attname FROM unnest(co.conkey) WITH ORDINALITY k(num, ord)
			    JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.num ORDER BY k.ord) AS columns,
			  d.description, CASE WHEN co.contype IN ('p', 'u', 'x') THEN co.conindid END
			FROM pg_constraint co
			JOIN pg_namespace n ON n.oid = co.connamespace
			LEFT JOIN pg_class c ON c.oid = co.conrelid
			LEFT JOIN pg_type t ON t.oid = co.contypid
			LEFT JOIN pg_description d ON d.objoid = co.oid AND d.classoid = 'pg_constraint'::regclass
			WHERE n.nspname = ANY(?) AND co.contype NOT IN ('n', 't') AND co.conislocal AND co.conparentid = 0
			  AND (c.relkind IN ('r', 'p') OR co.contypid <> 0)
			  AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.deptype = 'e' AND ((x.classid = 'pg_class'::regclass
			    AND x.objid = co.conrelid) OR (x.classid = 'pg_type'::regclass AND x.objid = co.contypid)))
			ORDER BY n.nspname, 3, co.conname
			""";

	// What a partition or inheriting child holds as copies of its parent's constraints:
	// a partition's keys and foreign keys cloned with conparentid, CHECKs inherited (not
	// local).
	static final String INHERITED_CONSTRAINTS = CONSTRAINTS.replace("co.conislocal AND co.conparentid = 0",
			"(co.conparentid <> 0 OR NOT co.conislocal)");

	static final String INDEXES = """
			SELECT i.indexrelid, n.nspname, ic.relname, tc.relname, pg_get_indexdef(i.indexrelid), i.indisvalid,
			  i.indisclustered, i.indisreplident, d.description, tc.relkind = 'm'
			FROM pg_index i
			JOIN pg_class ic ON ic.oid = i.indexrelid
			JOIN pg_class tc ON tc.oid = i.indrelid
			JOIN pg_namespace n ON n.oid = ic.relnamespace
			LEFT JOIN pg_description d ON d.objoid = ic.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
			WHERE n.nspname = ANY(?) AND tc.relkind IN ('r', 'p', 'm')
			  AND NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = i.indexrelid
			    AND co.conrelid = i.indrelid AND co.contype IN ('p', 'u', 'x'))
			  AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.indexrelid)
			  AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_class'::regclass AND x.objid = tc.oid
			    AND x.deptype = 'e')
			ORDER BY n.nspname, ic.relname
			""";

	// What a partition holds as copies of its parent's indexes (attached, pg_inherits)
	static final String INHERITED_INDEXES = INDEXES.replace(
			"AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.indexrelid)",
			"AND EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.indexrelid)");

	static final String VIEWS = """
			SELECT c.oid, c.reltype, n.nspname, c.relname, c.relkind::text, pg_get_viewdef(c.oid, true), c.reloptions,
			  c.relispopulated,
			  ARRAY(SELECT a.attname FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0
			    AND NOT a.attisdropped ORDER BY a.attnum) AS column_names,
			  ARRAY(SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a WHERE a.attrelid = c.oid
			    AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum) AS column_types,
			  ARRAY(SELECT cd.description FROM pg_attribute a LEFT JOIN pg_description cd ON cd.objoid = c.oid
			    AND cd.classoid = 'pg_class'::regclass AND cd.objsubid = a.attnum WHERE a.attrelid = c.oid
			    AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum) AS column_comments,
			  d.description
			FROM pg_class c
			JOIN pg_namespace n ON n.oid = c.relnamespace
			LEFT JOIN pg_description d ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
			WHERE n.nspname = ANY(?) AND c.relkind IN ('v', 'm')
			  AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_class'::regclass AND x.objid = c.oid
			    AND x.deptype = 'e')
			ORDER BY n.nspname, c.relname
			""";

	static final String FUNCTIONS = """
			SELECT p.oid, n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), p.prokind::text,
			  CASE WHEN p.prokind = 'a' THEN 'CREATE AGGREGATE ' || quote_ident(n.nspname) || '.'
			    || quote_ident(p.proname) || '(' || coalesce(nullif(pg_get_function_arguments(p.oid), ''), '*')
			    || ') (' || concat_ws(', ', 'SFUNC = ' || a.aggtransfn::regproc::text,
			      'STYPE = ' || format_type(a.aggtranstype, NULL),
			      CASE WHEN a.aggtransspace <> 0 THEN 'SSPACE = ' || a.aggtransspace END,
			      CASE WHEN a.aggfinalfn <> 0 THEN 'FINALFUNC = ' || a.aggfinalfn::regproc::text END,
			      CASE WHEN a.aggfinalextra THEN 'FINALFUNC_EXTRA' END,
			      CASE WHEN a.aggfinalfn <> 0 THEN 'FINALFUNC_MODIFY = ' || CASE a.aggfinalmodify
			        WHEN 'r' THEN 'READ_ONLY' WHEN 's' THEN 'SHAREABLE' ELSE 'READ_WRITE' END END,
			      CASE WHEN a.aggcombinefn <> 0 THEN 'COMBINEFUNC = ' || a.aggcombinefn::regproc::text END,
			      CASE WHEN a.aggserialfn <> 0 THEN 'SERIALFUNC = ' || a.aggserialfn::regproc::text END,
			      CASE WHEN a.aggdeserialfn <> 0 THEN 'DESERIALFUNC = ' || a.aggdeserialfn::regproc::text END,
			      CASE WHEN a.agginitval IS NOT NULL THEN 'INITCOND = ' || quote_literal(a.agginitval) END,
			      CASE WHEN a.aggmtransfn <> 0 THEN 'MSFUNC = ' || a.aggmtransfn::regproc::text END,
			      CASE WHEN a.aggminvtransfn <> 0 THEN 'MINVFUNC = ' || a.aggminvtransfn::regproc::text END,
			      CASE WHEN a.aggmtranstype <> 0 THEN 'MSTYPE = ' || format_type(a.aggmtranstype, NULL) END,
			      CASE WHEN a.aggmtransspace <> 0 THEN 'MSSPACE = ' || a.aggmtransspace END,
			      CASE WHEN a.aggmfinalfn <> 0 THEN 'MFINALFUNC = ' || a.aggmfinalfn::regproc::text END,
			      CASE WHEN a.aggmfinalextra THEN 'MFINALFUNC_EXTRA' END,
			      CASE WHEN a.aggminitval IS NOT NULL THEN 'MINITCOND = ' || quote_literal(a.aggminitval) END,
			      CASE WHEN a.aggsortop <> 0 THEN 'SORTOP = OPERATOR(' || (SELECT quote_ident(opn.nspname) || '.'
			        || o.oprname FROM pg_operator o JOIN pg_namespace opn ON opn.oid = o.oprnamespace
			        WHERE o.oid = a.aggsortop) || ')' END,
			      CASE WHEN a.aggkind = 'h' THEN 'HYPOTHETICAL' END,
			      CASE p.proparallel WHEN 's' THEN 'PARALLEL = SAFE' WHEN 'r' THEN 'PARALLEL = RESTRICTED' END)
			    || ')' ELSE pg_get_functiondef(p.oid) END AS definition,
			  CASE WHEN p.prokind <> 'p' THEN pg_get_function_result(p.oid) END AS result,
			  p.proargnames, p.proargmodes::text[], p.pronargdefaults, d.description
			FROM pg_proc p
			JOIN pg_namespace n ON n.oid = p.pronamespace
			LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid
			LEFT JOIN pg_description d ON d.objoid = p.oid AND d.classoid = 'pg_proc'::regclass
			WHERE n.nspname = ANY(?)
			  AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_proc'::regclass AND x.objid = p.oid
			    AND x.deptype IN ('e', 'i'))
			ORDER BY n.nspname, p.proname, 4
			""";

	static final String TRIGGERS = """
			SELECT tg.oid, n.nspname, c.relname, tg.tgname, pg_get_triggerdef(tg.oid), tg.tgenabled::text,
			  tg.tgconstraint <> 0, d.description
			FROM pg_trigger tg
			JOIN pg_class c ON c.oid = tg.tgrelid
			JOIN pg_namespace n ON n.oid = c.relnamespace
			LEFT JOIN pg_description d ON d.objoid = tg.oid AND d.classoid = 'pg_trigger'::regclass
			WHERE n.nspname = ANY(?) AND NOT tg.tgisinternal AND tg.tgparentid = 0
			  AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_class'::regclass AND x.objid = c.oid
			    AND x.deptype = 'e')
			ORDER BY n.nspname, c.relname, tg.tgname
			""";

	static final String RULES = """
			SELECT r.oid, n.nspname, c.relname, r.rulename, pg_get_ruledef(r.oid), r.ev_enabled::text, d.description
			FROM pg_rewrite r
			JOIN pg_class c ON c.oid = r.ev_class
			JOIN pg_namespace n ON n.oid = c.relnamespace
			LEFT JOIN pg_description d ON d.objoid = r.oid AND d.classoid = 'pg_rewrite'::regclass
			WHERE n.nspname = ANY(?) AND r.rulename <> '_RETURN'
			  AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_class'::regclass AND x.objid = c.oid
			    AND x.deptype = 'e')
			ORDER BY n.nspname, c.relname, r.rulename
			""";

	static final String POLICIES = """
			SELECT p.oid, n.nspname, c.relname, p.polname, p.polpermissive, p.polcmd::text,
			  ARRAY(SELECT CASE WHEN r = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r)) END
			    FROM unnest(p.polroles) r ORDER BY 1) AS roles,
			  pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid), d.description
			FROM pg_policy p
			JOIN pg_class c ON c.oid = p.polrelid
			JOIN pg_namespace n ON n.oid = c.relnamespace
			LEFT JOIN pg_description d ON d.objoid = p.oid AND d.classoid = 'pg_policy'::regclass
			WHERE n.nspname = ANY(?)
			ORDER BY n.nspname, c.relname, p.polname
			""";

	static final String STATISTICS = """
			SELECT s.oid, n.nspname, s.stxname, pg_get_statisticsobjdef(s.oid), coalesce(s.stxstattarget::int, -1),
			  d.description
			FROM pg_statistic_ext s
			JOIN pg_namespace n ON n.oid = s.stxnamespace
			LEFT JOIN pg_description d ON d.objoid = s.oid AND d.classoid = 'pg_statistic_ext'::regclass
			WHERE n.nspname = ANY(?)
			  AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_class'::regclass
			    AND x.objid = s.stxrelid AND x.deptype = 'e')
			ORDER BY n.nspname, s.stxname
			""";

	// Kinds the engine cannot write; each row is enough to see that two databases differ.
	static final String OTHERS = """
			SELECT x.classid, x.oid, n.nspname, x.what, x.name, x.fingerprint
			FROM (
			  SELECT 'pg_operator'::regclass::oid AS classid, o.oid, o.oprnamespace AS ns, 'operator' AS what,
			    o.oid::regoperator::text AS name,
			    concat_ws(' ', o.oprcode::regprocedure, o.oprrest, o.oprjoin, o.oprcom::regoperator,
			    o.oprnegate::regoperator, o.oprcanmerge, o.oprcanhash) AS fingerprint FROM pg_operator o
			  UNION ALL SELECT 'pg_opclass'::regclass::oid, o.oid, o.opcnamespace, 'operator class', o.opcname
			    || ' USING ' || am.amname, concat_ws(' ', o.opcintype::regtype, o.opcdefault, o.opckeytype::regtype)
			    FROM pg_opclass o JOIN pg_am am ON am.oid = o.opcmethod
			  UNION ALL SELECT 'pg_opfamily'::regclass::oid, o.oid, o.opfnamespace, 'operator family', o.opfname
			    || ' USING ' || am.amname, '' FROM pg_opfamily o JOIN pg_am am ON am.oid = o.opfmethod
			  UNION ALL SELECT 'pg_ts_config'::regclass::oid, t.oid, t.cfgnamespace, 'text search configuration',
			    t.cfgname, t.cfgparser::regproc::text FROM pg_ts_config t
			  UNION ALL SELECT 'pg_ts_dict'::regclass::oid, t.oid, t.dictnamespace, 'text search dictionary', t.dictname,
			    concat_ws(' ', t.dicttemplate, t.dictinitoption) FROM pg_ts_dict t
			  UNION ALL SELECT 'pg_ts_parser'::regclass::oid, t.oid, t.prsnamespace, 'text search parser', t.prsname, ''
			    FROM pg_ts_parser t
			  UNION ALL SELECT 'pg_ts_template'::regclass::oid, t.oid, t.tmplnamespace, 'text search template',
			    t.tmplname, '' FROM pg_ts_template t
			  UNION ALL SELECT 'pg_conversion'::regclass::oid, c.oid, c.connamespace, 'conversion', c.conname,
			    concat_ws(' ', c.conforencoding, c.contoencoding, c.conproc, c.condefault) FROM pg_conversion c
			  UNION ALL SELECT 'pg_class'::regclass::oid, c.oid, c.relnamespace, 'foreign table', c.relname,
			    concat_ws(' ', (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', '
			    ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0
			    AND NOT a.attisdropped), (SELECT s.srvname || ' ' || coalesce(f.ftoptions::text, '')
			    FROM pg_foreign_table f JOIN pg_foreign_server s ON s.oid = f.ftserver WHERE f.ftrelid = c.oid))
			    FROM pg_class c WHERE c.relkind = 'f'
			  UNION ALL SELECT 'pg_class'::regclass::oid, c.oid, c.relnamespace, 'typed table', c.relname,
			    format_type(c.reloftype, NULL) FROM pg_class c WHERE c.relkind IN ('r', 'p') AND c.reloftype <> 0
			) x
			JOIN pg_namespace n ON n.oid = x.ns
			WHERE n.nspname = ANY(?)
			  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = x.classid AND e.objid = x.oid
			    AND e.deptype = 'e')
			ORDER BY 3, 4, 5
			""";

	// Every dependency between two objects created after initdb; the reader keeps those
	// whose both ends it knows. Rewrite rules and defaults are resolved to their relation
	// and column here, so the reader needs no second look-up.
	static final String DEPENDENCIES = """
			SELECT d.classid::regclass::text, d.objid, d.objsubid, d.refclassid::regclass::text, d.refobjid,
			  d.refobjsubid, d.deptype::text, r.ev_class, ad.adrelid, ad.adnum
			FROM pg_depend d
			LEFT JOIN pg_rewrite r ON d.classid = 'pg_rewrite'::regclass AND r.oid = d.objid
			LEFT JOIN pg_attrdef ad ON d.classid = 'pg_attrdef'::regclass AND ad.oid = d.objid
			WHERE d.objid >= 16384 AND d.refobjid >= 16384 AND d.deptype IN ('n', 'a', 'i') AND ? IS NOT NULL
			""";

	private CatalogQueries() {
	}

}
