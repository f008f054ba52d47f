"""Tool definitions out of artifacts: source trees, package archives, manifests, saved tools/list answers."""
