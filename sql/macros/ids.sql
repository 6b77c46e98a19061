{#-
Shared id shaping, imported by the views that compare a model's id across hosts:
  {% from "ids.sql" import host_undecorated %}

host_undecorated(leaf): a lower-case model id (its last path segment) without the decoration
a host adds around the lab's name for the model. The steps, in order:
  1. Bedrock's region prefix ('us.', 'global.', 'in.', ...);
  2. a bare version token keeps its vendor: 'deepseek.r1-v1:0' is DeepSeek R1
     ('deepseek-r1'), 'deepseek.v3.2' is DeepSeek V3.2;
  3. Bedrock's vendor prefix ('anthropic.', 'cohere.', 'xai.', ...);
  4. a bare word keeps its version: 'cohere.embed-v4:0' is Embed v4 ('embed-v4'), not a model
     called 'embed';
  5. Bedrock's version suffix ('-v1:0');
  6. a vendor written with a dash before the lab's own name for the model: Azure's
     'cohere-command-a', Mistral's and Venice's re-sales of Z.ai's GLM ('zai-glm-5-2',
     'zai-org-glm-5-2', 'z-ai-glm-5-turbo');
  7-8. one spelling of a version: 'v-4' is 'v4', and a '.0' after it goes ('embed-v4.0',
     Azure's 'cohere-embed-v-4-0' and Bedrock's 'embed-v4' are one model).
Anything else a view removes (':tags', '@versions', dates) stays the view's own rule.
-#}
{%- macro host_undecorated(leaf) -%}
{%- set steps = [
    ("^(us|us-gov|eu|apac|au|ca|jp|in|global)\\.", ""),
    ("^deepseek\\.([rv][0-9])", "deepseek-\\1"),
    ("^(anthropic|meta|amazon|mistral|cohere|ai21|deepseek|qwen|openai|writer|moonshot|moonshotai|minimax|google|nvidia|zai|xai|twelvelabs|stability|luma)\\.", ""),
    ("^([a-z]+-v[0-9]+):[0-9]+$", "\\1"),
    ("-v[0-9]+:[0-9]+$", ""),
    ("^(cohere|zai|z-ai|zai-org)-(command|embed|rerank|glm)", "\\2"),
    ("-v-([0-9])", "-v\\1"),
    ("(-v[0-9]+)[.-]0$", "\\1"),
] -%}
{%- set shaped = namespace(sql=leaf) -%}
{%- for pattern, replacement in steps -%}
{%- set shaped.sql = "regexp_replace(" ~ shaped.sql ~ ", " ~ (pattern | literal) ~ ", " ~ (replacement | literal) ~ ")" -%}
{%- endfor -%}
{{ shaped.sql }}
{%- endmacro %}
