"""The questions a newcomer types, each with the page that must rank first in search.

test_browser.py asks them in the real browser, against Material's own search over the session's build.
"""

from __future__ import annotations

# (what a newcomer types, the page that must rank first)
QUESTIONS = [
    ("text to speech", "services/amazon-polly/"),
    ("speech synthesis", "services/amazon-polly/"),
    ("run SQL on my S3 data lake", "services/amazon-athena/"),
    ("detect faces in video", "services/amazon-rekognition/"),
    ("managed Hadoop cluster", "services/amazon-emr/"),
    ("what replaced Lex V1", "services/amazon-lex-v1/"),
    ("chatbot", "services/amazon-lex/"),
    ("transcribe audio to text", "services/amazon-transcribe/"),
    ("translate text between languages", "services/amazon-translate/"),
    ("extract text from scanned documents", "services/amazon-textract/"),
    ("sentiment analysis", "services/amazon-comprehend/"),
    ("generative AI foundation models", "services/amazon-bedrock/"),
    ("train and deploy my own model", "services/amazon-sagemaker-ai/"),
    ("data warehouse", "services/amazon-redshift/"),
    ("query S3 data from Redshift", "services/amazon-redshift-spectrum/"),
    ("serverless data warehouse", "services/amazon-redshift-serverless/"),
    ("table metadata catalog", "services/aws-glue-data-catalog/"),
    ("data lake permissions", "services/aws-lake-formation/"),
    ("what happened to MXNet", "frameworks/apache-mxnet/"),
    ("deep learning AMI", "services/deep-learning-ami/"),
    ("GPU instances for training", "instances/gpu-instances/"),
    ("inference chip", "instances/aws-inferentia/"),
    ("training chip", "instances/aws-trainium/"),
    ("where to store embeddings", "comparisons/vector-stores-on-aws/"),
    ("Kafka", "services/amazon-msk/"),
    ("real-time data streams", "services/amazon-kinesis-data-streams/"),
    ("Apache Flink", "services/amazon-managed-service-for-apache-flink/"),
    ("ETL jobs", "services/aws-glue/"),
    ("Iceberg tables", "services/amazon-s3-tables/"),
    ("run Spark without managing clusters", "services/amazon-emr-serverless/"),
    ("AI coding assistant", "services/amazon-q-developer/"),
    ("deploy AI agents", "services/amazon-bedrock-agentcore/"),
    ("personalized recommendations", "services/amazon-personalize/"),
    ("dashboards", "services/amazon-quicksight/"),
    ("Presto or Trino", "engines/trino/"),
    ("which analytics service should I use", "comparisons/analytics-services/"),
    ("which deep learning framework", "comparisons/frameworks-then-and-now/"),
    ("what is SageMaker called now", "services/amazon-sagemaker-ai/"),
    ("containers with PyTorch preinstalled", "services/aws-deep-learning-containers/"),
    ("Amazon Go", "use-cases/amazon-go-just-walk-out/"),
]
