/**
 * DescribeConfigs and the description of topic configurations (effective value, source, synonyms)
 * that CreateTopics reuses. Reads the broker config and the log module's topic settings.
 */
package io.spool.broker.api.configs;
