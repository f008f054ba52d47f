"""mcprisk's application layer: the command line, the nightly job and the classification runs. The only place that
drives the crawler, the classifier and the publisher together; nothing below imports it."""
