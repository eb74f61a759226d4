package pdrrun.catalog;

/** Catalog ids of what every job of one registration links to. */
record ProvenanceIds(long modelId, long userId, long executableId, long chemicalDatabaseId) {}
