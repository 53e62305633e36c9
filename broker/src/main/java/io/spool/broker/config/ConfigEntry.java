package io.spool.broker.config;

import java.util.List;

/** A configuration as DescribeConfigs (and CreateTopics v5+) reports it. */
public record ConfigEntry(String name, String value, ConfigSource source, boolean readOnly, boolean sensitive,
                          ConfigType type, String documentation, List<ConfigSynonym> synonyms) {
}
